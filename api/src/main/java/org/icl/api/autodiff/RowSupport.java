package org.icl.api.autodiff;

import java.util.List;

/**
 * Which rows of each column of an input may be nonzero, announced by the task that builds it, so a
 * kernel can skip entries that are zero by construction. The columns are cut into consecutive
 * segments; segment i runs from its {@code firstColumn} up to the next segment's (or the last
 * column) and its entries outside rows [{@code rowFrom}, {@code rowTo}) are zero in every matrix of
 * the batch. A tensor without a support is dense.
 */
public record RowSupport(List<Segment> segments) {

    /** Columns from {@code firstColumn} on (until the next segment) are zero outside rows [rowFrom, rowTo). */
    public record Segment(int firstColumn, int rowFrom, int rowTo) {

        public Segment {
            if (firstColumn < 0 || rowFrom < 0 || rowTo <= rowFrom) {
                throw new IllegalArgumentException("bad segment: columns from " + firstColumn + ", rows [" + rowFrom + ", " + rowTo + ")");
            }
        }
    }

    public RowSupport {
        segments = List.copyOf(segments);
        if (segments.isEmpty() || segments.get(0).firstColumn() != 0) {
            throw new IllegalArgumentException("the first segment must start at column 0: " + segments);
        }
        for (int i = 1; i < segments.size(); i++) {
            if (segments.get(i).firstColumn() <= segments.get(i - 1).firstColumn()) {
                throw new IllegalArgumentException("segments must start at increasing columns: " + segments);
            }
        }
    }

    /** Every row of every column may be nonzero. */
    public static RowSupport dense(int rows) {
        return new RowSupport(List.of(new Segment(0, 0, rows)));
    }

    /** Whether this support fits a matrix of {@code rows × cols}: every segment starts inside it and uses only its rows. */
    public boolean fits(int rows, int cols) {
        for (Segment s : segments) {
            if (s.firstColumn() >= cols || s.rowTo() > rows) {
                return false;
            }
        }
        return true;
    }
}
