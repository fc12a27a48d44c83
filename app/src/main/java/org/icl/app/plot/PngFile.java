package org.icl.app.plot;

import java.nio.file.Path;

import org.icl.api.io.AtomicFile;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** Saves a chart as a PNG, atomically (a reader never sees half a file); a failure to write names the file. */
final class PngFile {

    private PngFile() {
    }

    static void write(Chart<?, ?> chart, Path file) {
        AtomicFile.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }
}
