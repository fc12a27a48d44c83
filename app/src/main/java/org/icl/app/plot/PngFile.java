package org.icl.app.plot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** Saves a chart as a PNG; a failure to write names the file. */
final class PngFile {

    private PngFile() {
    }

    static void write(Chart<?, ?> chart, Path file) {
        try {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
