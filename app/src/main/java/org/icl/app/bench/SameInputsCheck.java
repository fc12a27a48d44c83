package org.icl.app.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.icl.api.autodiff.Parameter;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.model.Model;
import org.icl.api.task.Task;

/**
 * Feeds ours and the peer the same prompts and parameters and compares the loss and the gradients of
 * V and W. The prompts are a list of Gaussian draws that our task consumes in its own order (per
 * prompt w* then x_1..x_n) and the peer splits the same way; both build the tokens and the GD
 * targets themselves, so the check covers sampling layout, targets, model, loss and backward pass.
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

    /** Runs the check for one task and model (V and W of the model as they are), with {@code batch} prompts. */
    public static Result run(PeerProcess peer, Task task, Model model, boolean cot, int k, int batch, long seed, Path file) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] draws = new double[1 << 20];
        for (int i = 0; i < draws.length; i++) {
            draws[i] = random.nextGaussian();
        }
        ReplayedGaussians replay = new ReplayedGaussians(draws);
        Tape tape = Tape.forTraining();
        model.parameters().forEach(Parameter::zeroGrad);
        Tensor loss = task.trainingLoss(tape, model, replay, batch);
        double ours = loss.data()[0];
        tape.backward(loss);

        ObjectNode spec = JSON.createObjectNode();
        spec.put("batch", batch).put("cot", cot).put("k", k);
        spec.set("gaussians", JSON.valueToTree(java.util.Arrays.copyOf(draws, replay.used())));
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
