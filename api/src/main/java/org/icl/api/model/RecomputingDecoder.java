package org.icl.api.model;

import java.util.ArrayList;
import java.util.List;

import org.icl.api.autodiff.RowSupport;
import org.icl.api.autodiff.Tape;
import org.icl.api.autodiff.Tensor;

/**
 * The decoder of a model without a running state: each output runs the model's forward pass for the
 * last column over the whole sequence so far. Each step works on a fresh inference tape, so memory
 * holds one sequence and one pass, not every step's.
 */
final class RecomputingDecoder implements Decoder {

    private final Model model;
    private Tensor sequence;

    RecomputingDecoder(Model model, Tensor prompt) {
        this.model = model;
        this.sequence = prompt;
    }

    @Override
    public Tensor output() {
        return model.forward(Tape.forInference(), sequence, sequence.cols() - 1);
    }

    @Override
    public void append(Tensor column) {
        int rows = sequence.rows();
        int cols = sequence.cols();
        int batch = sequence.batch();
        if (column.rows() != rows || column.cols() != 1 || column.batch() != batch) {
            throw new IllegalArgumentException("cannot append " + column + " to " + sequence);
        }
        double[] grown = new double[rows * (cols + 1) * batch];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(sequence.data(), b * rows * cols, grown, b * rows * (cols + 1), rows * cols);
            System.arraycopy(column.data(), b * rows, grown, b * rows * (cols + 1) + rows * cols, rows);
        }
        // The prompt keeps its announced support; appended columns are model outputs, dense.
        List<RowSupport.Segment> segments = new ArrayList<>(sequence.support().orElse(RowSupport.dense(rows)).segments());
        segments.add(new RowSupport.Segment(cols, 0, rows));
        sequence = Tensor.wrap(rows, cols + 1, batch, grown, new RowSupport(segments));
    }
}
