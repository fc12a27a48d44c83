package org.icl.trainers.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.icl.api.autodiff.Parameter;

/**
 * Saves and restores a model's parameters as JSON: {@code {"V": {"rows": r, "cols": c, "data": [...]}}},
 * data column-major. Writes go to a temporary file first, so an interrupted write never leaves a torn checkpoint.
 */
public final class ParameterFile {

    /** One stored matrix. */
    public record Matrix(int rows, int cols, double[] data) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private ParameterFile() {
    }

    public static void write(Path path, List<Parameter> parameters) {
        Map<String, Matrix> content = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            content.put(p.name(), new Matrix(p.rows(), p.cols(), p.data().clone()));
        }
        try {
            Path partial = path.resolveSibling(path.getFileName() + ".partial");
            JSON.writerWithDefaultPrettyPrinter().writeValue(partial.toFile(), content);
            Files.move(partial, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    /** Loads values into the given parameters, which must match the file by name and shape. */
    public static void read(Path path, List<Parameter> parameters) {
        Map<String, Matrix> content;
        try {
            content = JSON.readValue(path.toFile(), JSON.getTypeFactory().constructMapType(Map.class, String.class, Matrix.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        for (Parameter p : parameters) {
            Matrix m = content.get(p.name());
            if (m == null || m.rows() != p.rows() || m.cols() != p.cols()) {
                throw new IllegalArgumentException(path + ": no " + p.rows() + "×" + p.cols() + " matrix '" + p.name() + "'");
            }
            System.arraycopy(m.data(), 0, p.data(), 0, m.data().length);
        }
    }
}
