package org.icl.trainers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.icl.api.train.RunContext;
import org.icl.trainers.testing.LinearLossTask;
import org.icl.trainers.testing.ParameterModel;
import org.icl.trainers.testing.QuadraticTask;
import org.icl.trainers.testing.TrainerSettings;
import org.junit.jupiter.api.Test;

/** Checks single Adam and SGD-with-momentum updates of the full training loop against hand computations. */
class UpdateRulesTest {

    @Test
    void adamFirstStepIsLearningRateTimesTheSignOfTheGradient() {
        double lr = 0.01;
        double[] start = {0.5, -1.0, 2.0, 0.0};
        double[] gradient = {3.0, -0.5, 1e-3, -200.0};
        ParameterModel model = ParameterModel.of(start);
        new AdamTrainerFactory().create(TrainerSettings.of("adam", "steps = 1, learning-rate = " + lr))
                .train(new LinearLossTask(gradient), model, RunContext.inMemory(1));

        double[] theta = model.theta().data();
        for (int i = 0; i < start.length; i++) {
            double g = gradient[i];
            // After one step the bias corrections undo (1 − β1) and (1 − β2): m̂ = g, v̂ = g², so the
            // update is lr·g/(|g| + ε), which is lr·sign(g) up to a relative ε/|g| ≤ 1e-5 here.
            assertEquals(start[i] - lr * g / (Math.abs(g) + 1e-8), theta[i], 1e-15, "entry " + i);
            assertEquals(start[i] - lr * Math.signum(g), theta[i], lr * 1e-8 / Math.abs(g) + 1e-15, "entry " + i);
        }
    }

    @Test
    void adamSecondStepUsesBothBiasCorrections() {
        double lr = 0.1;
        double beta1 = 0.8;
        double beta2 = 0.95;
        double eps = 1e-3;
        double[] target = {1.0, -2.0, 0.25};
        double[] start = {0.0, 0.5, 0.3};
        ParameterModel model = ParameterModel.of(start);
        new AdamTrainerFactory().create(TrainerSettings.of("adam", "steps = 2, learning-rate = " + lr
                        + ", beta1 = " + beta1 + ", beta2 = " + beta2 + ", epsilon = " + eps))
                .train(new QuadraticTask(target), model, RunContext.inMemory(1));

        for (int i = 0; i < start.length; i++) {
            double g1 = 2 * (start[i] - target[i]);
            double m1 = (1 - beta1) * g1;
            double v1 = (1 - beta2) * g1 * g1;
            double theta1 = start[i] - lr * (m1 / (1 - beta1)) / (Math.sqrt(v1 / (1 - beta2)) + eps);
            double g2 = 2 * (theta1 - target[i]);
            double m2 = beta1 * m1 + (1 - beta1) * g2;
            double v2 = beta2 * v1 + (1 - beta2) * g2 * g2;
            double theta2 = theta1 - lr * (m2 / (1 - beta1 * beta1)) / (Math.sqrt(v2 / (1 - beta2 * beta2)) + eps);
            assertEquals(theta2, model.theta().data()[i], 1e-14, "entry " + i);
        }
    }

    @Test
    void sgdWithMomentumMatchesTwoStepsByHand() {
        double lr = 0.1;
        double mu = 0.9;
        double[] target = {1.0, -2.0, 0.25};
        double[] start = {0.0, 0.5, 0.3};
        ParameterModel model = ParameterModel.of(start);
        new SgdTrainerFactory().create(TrainerSettings.of("sgd", "steps = 2, learning-rate = " + lr + ", momentum = " + mu))
                .train(new QuadraticTask(target), model, RunContext.inMemory(1));

        for (int i = 0; i < start.length; i++) {
            // Heavy ball: m ← μm + g, θ ← θ − lr·m, with g = 2(θ − t) for the loss ||θ − t||².
            double g1 = 2 * (start[i] - target[i]);
            double m1 = g1;
            double theta1 = start[i] - lr * m1;
            double g2 = 2 * (theta1 - target[i]);
            double m2 = mu * m1 + g2;
            double theta2 = theta1 - lr * m2;
            assertEquals(theta2, model.theta().data()[i], 1e-14, "entry " + i);
        }
        // Concretely for entry 0: θ1 = 0.2, θ2 = 0.2 − 0.1·(0.9·(−2) + (−1.6)) = 0.54.
        assertEquals(0.54, model.theta().data()[0], 1e-14);
    }

    @Test
    void plainSgdIsGradientDescent() {
        double[] target = {1.0, -2.0};
        ParameterModel model = ParameterModel.of(0.0, 0.0);
        new SgdTrainerFactory().create(TrainerSettings.of("sgd", "steps = 3, learning-rate = 0.25"))
                .train(new QuadraticTask(target), model, RunContext.inMemory(1));
        // θ ← θ − 0.25·2(θ − t) = (θ + t)/2 halves the distance to t each step: 1 − 1/8 of the way after 3.
        assertEquals(0.875, model.theta().data()[0], 1e-15);
        assertEquals(-1.75, model.theta().data()[1], 1e-15);
    }

    @Test
    void warmupScalesTheFirstStepsLearningRateLinearly() {
        // SGD on ||θ − t||² (gradient 2(θ − t)) at lr 0.2 with a 4-step warm-up: the step sizes are
        // 0.05, 0.1, 0.15, so θ − t shrinks by (1 − 0.1)(1 − 0.2)(1 − 0.3) over three steps.
        ParameterModel model = ParameterModel.of(1.0);
        new SgdTrainerFactory().create(TrainerSettings.of("sgd", "steps = 3, learning-rate = 0.2, warmup-steps = 4"))
                .train(new QuadraticTask(0.0), model, RunContext.inMemory(1));
        assertEquals(0.9 * 0.8 * 0.7, model.theta().data()[0], 1e-15);
        ParameterModel cold = ParameterModel.of(1.0);
        new SgdTrainerFactory().create(TrainerSettings.of("sgd", "steps = 3, learning-rate = 0.2"))
                .train(new QuadraticTask(0.0), cold, RunContext.inMemory(1));
        assertEquals(0.6 * 0.6 * 0.6, cold.theta().data()[0], 1e-15);
    }
}
