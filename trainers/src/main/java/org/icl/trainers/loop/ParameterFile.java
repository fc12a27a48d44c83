package org.icl.trainers.loop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.icl.api.autodiff.Parameter;
import org.icl.api.config.InvalidInputException;
import org.icl.api.io.AtomicFile;

/**
 * Saves and restores a model's parameters as JSON: {@code {"run": ..., "config": "config.conf",
 * "step": s, "parameters": {"V": {"rows": r, "cols": c, "data": [...]}}}}, data column-major,
 * {@code config} naming the config file beside it that made them. Written atomically.
 */
public final class ParameterFile {

    /** One stored matrix. */
    public record Matrix(int rows, int cols, double[] data) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private ParameterFile() {
    }

    /** Writes the parameters of run {@code run} after {@code step} training steps. */
    public static void write(Path path, List<Parameter> parameters, String run, int step) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("run", run);
        content.put("config", RunFiles.CONFIG);
        content.put("step", step);
        content.put("parameters", matrices(parameters));
        AtomicFile.write(path, out -> JSON.writerWithDefaultPrettyPrinter().writeValue(out, content));
    }

    /** The values of {@code parameters} by name, copied. */
    static Map<String, Matrix> matrices(List<Parameter> parameters) {
        Map<String, Matrix> content = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            content.put(p.name(), new Matrix(p.rows(), p.cols(), p.data().clone()));
        }
        return content;
    }

    /** Loads values into the given parameters, which must match the file by name and shape. */
    public static void read(Path path, List<Parameter> parameters) {
        Map<String, Matrix> content;
        try {
            JsonNode root = JSON.readTree(path.toFile());
            // Files of earlier versions hold the matrices at the top level.
            JsonNode matrices = root.has("parameters") ? root.get("parameters") : root;
            content = JSON.convertValue(matrices, JSON.getTypeFactory().constructMapType(Map.class, String.class, Matrix.class));
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInputException(path + " is not a parameter file: " + e.getMessage().lines().findFirst().orElse(""));
        }
        load(path.toString(), content, parameters);
    }

    /**
     * Copies the values of {@code from} into {@code to}, e.g. a trained model's into the same model built with other
     * evaluation settings; throws IllegalArgumentException naming the first parameter that does not match by name and shape.
     */
    public static void copy(String source, List<Parameter> from, List<Parameter> to) {
        load(source, matrices(from), to);
    }

    /** Copies stored matrices into {@code parameters}; throws IllegalArgumentException naming the first that does not match. */
    static void load(String source, Map<String, Matrix> content, List<Parameter> parameters) {
        for (Parameter p : parameters) {
            Matrix m = content.get(p.name());
            if (m == null || m.rows() != p.rows() || m.cols() != p.cols() || m.data() == null
                    || m.data().length != p.data().length) {
                throw new IllegalArgumentException(source + ": no " + p.rows() + "×" + p.cols() + " matrix '" + p.name() + "'");
            }
        }
        for (Parameter p : parameters) {
            System.arraycopy(content.get(p.name()).data(), 0, p.data(), 0, p.data().length);
        }
    }
}
