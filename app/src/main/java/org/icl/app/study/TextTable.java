package org.icl.app.study;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A console table whose columns stay aligned whatever the values: each column as wide as its widest cell,
 * text columns left-aligned and number columns right-aligned, two spaces between columns. A row may
 * hold fewer cells than there are columns and end in a note printed as it is (a diverged run's story).
 * Numbers go in through {@link ReadableNumber}.
 */
public final class TextTable {

    /** A column: its header and whether its cells are text (left-aligned) or numbers (right-aligned). */
    public record Column(String header, boolean text) {

        public static Column text(String header) {
            return new Column(header, true);
        }

        public static Column number(String header) {
            return new Column(header, false);
        }
    }

    private record Row(List<String> cells, String note) {
    }

    private static final String GAP = "  ";

    private final List<Column> columns;
    private final List<Row> rows = new ArrayList<>();

    public TextTable(List<Column> columns) {
        this.columns = List.copyOf(columns);
    }

    /** Adds a row of at most one cell per column. */
    public TextTable row(List<String> cells) {
        return row(cells, "");
    }

    /** Adds a row of at most one cell per column, followed by {@code note}. */
    public TextTable row(List<String> cells, String note) {
        if (cells.size() > columns.size()) {
            throw new IllegalArgumentException(cells.size() + " cells for " + columns.size() + " columns: " + cells);
        }
        rows.add(new Row(List.copyOf(cells), note));
        return this;
    }

    /** The table as lines: the header, then each row; trailing spaces trimmed. */
    public List<String> lines() {
        int[] widths = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            widths[c] = columns.get(c).header().length();
        }
        for (Row row : rows) {
            for (int c = 0; c < row.cells().size(); c++) {
                widths[c] = Math.max(widths[c], row.cells().get(c).length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(line(columns.stream().map(Column::header).toList(), "", widths));
        rows.forEach(row -> lines.add(line(row.cells(), row.note(), widths)));
        return lines;
    }

    /** Prints {@link #lines()}. */
    public void print(PrintWriter out) {
        lines().forEach(out::println);
        out.flush();
    }

    private String line(List<String> cells, String note, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            String padding = " ".repeat(widths[c] - cell.length());
            line.append(c == 0 ? "" : GAP).append(columns.get(c).text() ? cell + padding : padding + cell);
        }
        if (!note.isEmpty()) {
            line.append(GAP).append(note);
        }
        return line.toString().stripTrailing();
    }
}
