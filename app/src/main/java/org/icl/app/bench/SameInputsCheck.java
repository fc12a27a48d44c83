package org.icl.app.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.icl.api.autodiff.Parameter;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.model.Model;
import org.icl.api.task.Task;

/**
 * Feeds ours and the peer the same prompts and parameters and compares the loss and the gradient of
 * every trained parameter. The prompts travel as the random draws our task took while sampling them
 * (Gaussians and bounded integers, in order; on weight prediction per prompt w* then x_1..x_n, on
 * tree paths per tree the labels, the goal leaf and the edge order), which the peer decodes the same
 * way; both build the tokens and the targets themselves, so the check covers sampling layout,
 * targets, model, loss and backward pass.
 */
public final class SameInputsCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Relative differences of the loss and of each parameter's gradient (Frobenius norm), by name. */
    public record Result(double loss, Map<String, Double> relativeDifferences) {

        public double worst() {
            return relativeDifferences.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        }
    }

    private SameInputsCheck() {
    }

    /**
     * Runs the check for one task and model (its parameters as they are), with {@code batch} prompts drawn
     * from {@code seed}. The peer reads a JSON file holding {@code batch}, {@code gaussians}, {@code ints},
     * each parameter by name (a list of rows) and the entries of {@code extras}; it replies with the loss
     * and each parameter's gradient by name.
     */
    public static Result run(Peer peer, Task task, Model model, int batch, long seed, Map<String, Object> extras, Path file) {
        RecordedDraws draws = new RecordedDraws(seed);
        Tape tape = Tape.forTraining();
        model.parameters().forEach(Parameter::zeroGrad);
        Tensor loss = task.trainingLoss(tape, model, draws, batch);
        double ours = loss.data()[0];
        tape.backward(loss);

        ObjectNode spec = JSON.createObjectNode();
        spec.put("batch", batch);
        extras.forEach((key, value) -> spec.set(key, JSON.valueToTree(value)));
        spec.set("gaussians", JSON.valueToTree(draws.gaussianDraws()));
        spec.set("ints", JSON.valueToTree(draws.boundedInts()));
        for (Parameter p : model.parameters()) {
            spec.set(p.name(), JSON.valueToTree(rowsOf(p.value().data, p.rows(), p.cols())));
        }
        try {
            Files.writeString(file, JSON.writeValueAsString(spec));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode reply = peer.ask("check " + file.toAbsolutePath());
        Map<String, Double> differences = new LinkedHashMap<>();
        differences.put("loss", Math.abs(ours - reply.get("loss").asDouble()) / Math.abs(reply.get("loss").asDouble()));
        for (Parameter p : model.parameters()) {
            double[] grad = p.grad().data;
            JsonNode theirs = reply.get(p.name());
            if (theirs == null) {
                throw new IllegalStateException("the peer's check reply has no gradient for " + p.name());
            }
            double diff = 0;
            double norm = 0;
            for (int r = 0; r < p.rows(); r++) {
                for (int c = 0; c < p.cols(); c++) {
                    double t = theirs.get(r).get(c).asDouble();
                    double o = grad[c * p.rows() + r];
                    diff += (o - t) * (o - t);
                    norm += t * t;
                }
            }
            differences.put("d" + p.name(), Math.sqrt(diff / norm));
        }
        return new Result(ours, differences);
    }

    private static double[][] rowsOf(double[] columnMajor, int rows, int cols) {
        double[][] out = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r][c] = columnMajor[c * rows + r];
            }
        }
        return out;
    }
}
