package org.icl.api.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.icl.api.autodiff.Parameter;
import org.icl.api.config.Settings;
import org.icl.api.task.TaskShape;
import org.icl.api.task.TokenBlock;

/**
 * Which entries of a model's parameters train, read from the model's {@code trainable} and
 * {@code fixed} settings. An entry set is written {@code P} (all of parameter P) or
 * {@code P:rows,cols}, where rows and columns are token blocks the task announces, joined by
 * {@code +}, or {@code *} for all: {@code "V:w,x"} is V's w-rows × x-columns. Blocks name the
 * task's token rows, so a model knows no task's layout; an axis named by blocks must have the token
 * dimension.
 *
 * <p>{@code trainable = []} lets every entry train; a non-empty list trains the listed entries only
 * and holds every other entry at zero. {@code fixed = { "W:y,const" = -1 }} holds entries at a value.
 * Held entries never move: their gradient is zeroed after every backward pass.
 */
public final class TrainableEntries {

    /** Settings keys a model that supports restriction declares in its reference.conf. */
    public static final String TRAINABLE = "trainable";
    public static final String FIXED = "fixed";

    private final Settings settings;
    private final TaskShape shape;
    private final List<String> trainable;
    private final Map<String, Double> fixed;

    private TrainableEntries(Settings settings, TaskShape shape, List<String> trainable, Map<String, Double> fixed) {
        this.settings = settings;
        this.shape = shape;
        this.trainable = trainable;
        this.fixed = fixed;
    }

    /** Reads {@code trainable} and {@code fixed} from a model's block. */
    public static TrainableEntries from(Settings settings, TaskShape shape) {
        TrainableEntries entries = new TrainableEntries(settings, shape, List.copyOf(settings.strings(TRAINABLE)),
                settings.numberMap(FIXED));
        for (double value : entries.fixed.values()) {
            if (!Double.isFinite(value)) {
                throw settings.invalid(FIXED, "finite values");
            }
        }
        return entries;
    }

    /** Whether every entry trains (nothing to apply). */
    public boolean unrestricted() {
        return trainable.isEmpty() && fixed.isEmpty();
    }

    /**
     * Writes the held values into {@code parameters} (zero outside {@code trainable}, the {@code fixed}
     * values) and restricts their training to the rest. Fails with an
     * {@link org.icl.api.config.InvalidSettingException} naming the setting on an unknown parameter or block.
     */
    public void applyTo(List<Parameter> parameters) {
        if (unrestricted()) {
            return;
        }
        List<boolean[]> trains = new ArrayList<>();
        for (Parameter p : parameters) {
            boolean[] flags = new boolean[p.size()];
            java.util.Arrays.fill(flags, trainable.isEmpty());
            trains.add(flags);
        }
        for (String spec : trainable) {
            Selection selection = select(spec, parameters, TRAINABLE);
            selection.forEach(parameters.get(selection.parameter), (r, c) ->
                    trains.get(selection.parameter)[parameters.get(selection.parameter).index(0, r, c)] = true);
        }
        for (int i = 0; i < parameters.size(); i++) {
            double[] data = parameters.get(i).data();
            boolean[] flags = trains.get(i);
            for (int e = 0; e < data.length; e++) {
                if (!flags[e]) {
                    data[e] = 0.0;
                }
            }
        }
        for (Map.Entry<String, Double> held : fixed.entrySet()) {
            Selection selection = select(held.getKey(), parameters, Settings.entry(FIXED, held.getKey()));
            Parameter p = parameters.get(selection.parameter);
            selection.forEach(p, (r, c) -> {
                p.set(0, r, c, held.getValue());
                trains.get(selection.parameter)[p.index(0, r, c)] = false;
            });
        }
        for (int i = 0; i < parameters.size(); i++) {
            boolean[] flags = trains.get(i);
            boolean all = true;
            for (boolean f : flags) {
                all &= f;
            }
            parameters.get(i).restrictTraining(all ? null : flags);
        }
    }

    /** Entries of one parameter: its index, and the rows and columns chosen (null for all). */
    private record Selection(int parameter, boolean[] rows, boolean[] cols) {

        void forEach(Parameter p, EntryVisitor visitor) {
            for (int c = 0; c < p.cols(); c++) {
                for (int r = 0; r < p.rows(); r++) {
                    if ((rows == null || rows[r]) && (cols == null || cols[c])) {
                        visitor.visit(r, c);
                    }
                }
            }
        }
    }

    private interface EntryVisitor {
        void visit(int r, int c);
    }

    private Selection select(String spec, List<Parameter> parameters, String key) {
        String[] parts = spec.split(":", -1);
        String name = parts[0].trim();
        int index = -1;
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i).name().equals(name)) {
                index = i;
            }
        }
        if (index < 0) {
            throw settings.invalid(key, "entries of the model's parameters "
                    + parameters.stream().map(Parameter::name).collect(Collectors.joining(", "))
                    + ", written P or P:rows,cols; '" + name + "' is none of them");
        }
        if (parts.length == 1) {
            return new Selection(index, null, null);
        }
        String[] axes = parts[1].split(",", -1);
        if (parts.length > 2 || axes.length != 2) {
            throw settings.invalid(key, "P or P:rows,cols (e.g. \"V:w,x\"), not '" + spec + "'");
        }
        Parameter p = parameters.get(index);
        return new Selection(index, axis(axes[0], p.rows(), p.name() + " rows", key),
                axis(axes[1], p.cols(), p.name() + " columns", key));
    }

    /** The indices an axis spec chooses: null for "*", else the union of the named blocks. */
    private boolean[] axis(String spec, int length, String what, String key) {
        if (spec.trim().equals("*")) {
            return null;
        }
        String known = shape.blocks().isEmpty() ? "the task announces no token blocks"
                : "the task's token blocks are " + shape.blocks().stream().map(TokenBlock::name).collect(Collectors.joining(", "));
        if (length != shape.tokenDim()) {
            throw settings.invalid(key, "* for the " + length + " " + what + " (blocks name the " + shape.tokenDim()
                    + " token rows)");
        }
        boolean[] chosen = new boolean[length];
        for (String name : spec.split("\\+", -1)) {
            Optional<TokenBlock> block = shape.block(name.trim());
            if (block.isEmpty()) {
                throw settings.invalid(key, "token blocks joined by + or *; '" + name.trim() + "' is not a block ("
                        + known + ")");
            }
            for (int r = block.get().from(); r < block.get().to(); r++) {
                chosen[r] = true;
            }
        }
        return chosen;
    }

    @Override
    public String toString() {
        return "trainable " + trainable + ", fixed " + fixed;
    }
}
