package org.icl.trainers.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;
import org.icl.api.model.Model;
import org.icl.api.task.Evaluation;
import org.icl.api.task.Task;
import org.icl.api.task.TaskShape;
import org.icl.api.task.Theory;

/**
 * Base of the fake tasks: records every training loss it hands out and every evaluation loss, so
 * tests can compare them with what the trainer logged. Evaluation is the Euclidean distance of the
 * model's first parameter to {@link #optimum()}.
 */
public abstract class FakeTask implements Task {

    /** Training losses in the order returned, one per step. */
    public final List<Double> trainingLosses = new ArrayList<>();
    /** Evaluation losses in the order returned, with the step (number of training losses so far) they followed. */
    public final List<double[]> evaluations = new ArrayList<>();

    protected abstract Tensor loss(Tape tape, Model model, RandomGenerator random, int batchSize);

    /** The parameter value of zero loss. */
    public abstract double[] optimum();

    @Override
    public final Tensor trainingLoss(Tape tape, Model model, RandomGenerator random, int batchSize) {
        Tensor loss = loss(tape, model, random, batchSize);
        trainingLosses.add(loss.data()[0]);
        return loss;
    }

    @Override
    public TaskShape shape() {
        return new TaskShape(optimum().length, 1, 1, 1);
    }

    @Override
    public Evaluation evaluate(Model model, int prompts) {
        double[] theta = model.parameters().get(0).data();
        double[] target = optimum();
        double squared = 0;
        for (int i = 0; i < target.length; i++) {
            squared += (theta[i] - target[i]) * (theta[i] - target[i]);
        }
        double distance = Math.sqrt(squared);
        evaluations.add(new double[] {trainingLosses.size(), distance});
        return new Evaluation(distance, prompts, Map.of());
    }

    @Override
    public int evaluationPrompts() {
        return 1;
    }

    @Override
    public Optional<Theory> theory() {
        return Optional.of(new Theory(Map.of("optimum", 0.0), "optimum"));
    }
}
