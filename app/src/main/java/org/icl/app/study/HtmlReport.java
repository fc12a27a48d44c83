package org.icl.app.study;

import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page (styles and figures inline, no script, nothing fetched)
 * that a browser opens from disk: the figures, the table of points with mean and 95% interval over
 * seeds, and, folded, every trial's row, the timings and (if asked) each trial's parameter heatmaps.
 */
final class HtmlReport {

    private static final String STYLE = """
            body { font-family: sans-serif; margin: 2em auto; max-width: 70em; color: #222; }
            h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 1.6em; border-bottom: 1px solid #ccc; }
            table { border-collapse: collapse; font-size: 0.85em; margin: 0.5em 0; }
            th, td { border: 1px solid #ccc; padding: 0.2em 0.5em; text-align: right; white-space: nowrap; }
            th { background: #f0f0f0; } td.text { text-align: left; }
            figure { margin: 1em 0; } figure img { max-width: 100%; border: 1px solid #ddd; }
            figcaption { font-size: 0.85em; color: #555; }
            .scroll { overflow-x: auto; } .failed { color: #b00; } .missing { color: #888; }
            .heatmaps img { max-height: 22em; margin: 0.2em; border: 1px solid #ddd; }
            """;

    private HtmlReport() {
    }

    static String render(StudyManifest manifest, Table summary, Table aggregate, Table timings, Map<String, Integer> states,
                         List<StudyReport.Figure> figures, Map<String, Map<String, byte[]>> heatmaps) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(escape("icl study " + manifest.study())).append("</title>\n<style>").append(STYLE).append("</style></head>\n<body>\n");
        html.append("<h1>Study ").append(escape(manifest.study())).append("</h1>\n");
        if (!manifest.description().isEmpty()) {
            html.append("<p>").append(escape(manifest.description())).append("</p>\n");
        }
        html.append("<p>").append(manifest.trials().size()).append(" trials");
        states.forEach((state, count) -> html.append(", ").append(count).append(' ').append(escape(state)));
        html.append(". Swept: ").append(manifest.axes().isEmpty() ? "nothing" : escape(String.join(", ", manifest.axes())));
        html.append(manifest.seeds().isEmpty() ? "" : "; seeds " + escape(manifest.seeds().toString())).append(".</p>\n");

        html.append("<h2>Figures</h2>\n");
        for (StudyReport.Figure figure : figures) {
            html.append("<figure><img alt=\"").append(escape(figure.caption())).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(figure.image().png())).append("\"><figcaption>")
                    .append(escape(figure.caption())).append("</figcaption></figure>\n");
        }
        if (figures.isEmpty()) {
            html.append("<p class=\"missing\">No figure: no plotted column has values yet.</p>\n");
        }

        html.append("<h2>Points (aggregate.csv)</h2>\n<p>Mean over the completed seeds of each point, with the 95% "
                + "Student-t interval of the mean in brackets.</p>\n");
        html.append(aggregateTable(aggregate));
        html.append("<h2>Trials</h2>\n<details><summary>Every trial (summary.csv)</summary>\n").append(table(summary, true))
                .append("</details>\n<details><summary>Timings (timings.csv)</summary>\n").append(table(timings, false))
                .append("</details>\n");
        if (!heatmaps.isEmpty()) {
            html.append("<h2>Parameters</h2>\n<p>Each trial's trained parameters as heatmaps (rows and columns labelled by token block).</p>\n");
            heatmaps.forEach((trial, images) -> {
                html.append("<h3>").append(escape(trial)).append("</h3>\n<div class=\"heatmaps\">");
                images.forEach((name, png) -> html.append("<img alt=\"").append(escape(trial + " " + name))
                        .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png)).append("\">"));
                html.append("</div>\n");
            });
        }
        html.append("</body></html>\n");
        return html.toString();
    }

    /** The aggregate with each numeric column shown once as "mean [low, high]"; text columns as they are. */
    private static String aggregateTable(Table aggregate) {
        StringBuilder out = new StringBuilder("<div class=\"scroll\"><table>\n<tr>");
        List<String> shown = aggregate.columns().stream()
                .filter(c -> !c.endsWith(Aggregate.LOW) && !c.endsWith(Aggregate.HIGH)).toList();
        for (String c : shown) {
            out.append("<th>").append(escape(c.endsWith(Aggregate.MEAN) ? c.substring(0, c.length() - Aggregate.MEAN.length()) : c))
                    .append("</th>");
        }
        out.append("</tr>\n");
        for (int r = 0; r < aggregate.rows().size(); r++) {
            out.append("<tr>");
            for (String c : shown) {
                String cell = aggregate.cell(r, c);
                if (c.endsWith(Aggregate.MEAN) && !cell.isEmpty()) {
                    String base = c.substring(0, c.length() - Aggregate.MEAN.length());
                    String low = aggregate.cell(r, base + Aggregate.LOW);
                    String high = aggregate.cell(r, base + Aggregate.HIGH);
                    out.append("<td>").append(ReadableNumber.cell(cell));
                    if (!low.isEmpty() && !low.equals(high)) {
                        out.append(" [").append(ReadableNumber.cell(low)).append(", ").append(ReadableNumber.cell(high)).append(']');
                    }
                    out.append("</td>");
                } else {
                    out.append(cell(cell));
                }
            }
            out.append("</tr>\n");
        }
        return out.append("</table></div>\n").toString();
    }

    private static String table(Table table, boolean marksState) {
        StringBuilder out = new StringBuilder("<div class=\"scroll\"><table>\n<tr>");
        table.columns().forEach(c -> out.append("<th>").append(escape(c)).append("</th>"));
        out.append("</tr>\n");
        for (int r = 0; r < table.rows().size(); r++) {
            String state = marksState ? table.cell(r, StudyReport.STATE) : "";
            out.append(state.equals(TrialStatus.FAILED) || state.equals(TrialRecord.MISSING) ? "<tr class=\"" + state + "\">" : "<tr>");
            table.rows().get(r).forEach(cell -> out.append(cell(Aggregate.isNumber(cell) ? ReadableNumber.cell(cell) : cell)));
            out.append("</tr>\n");
        }
        return out.append("</table></div>\n").toString();
    }

    private static String cell(String text) {
        return (Aggregate.isNumber(text) || text.isEmpty() ? "<td>" : "<td class=\"text\">") + escape(text) + "</td>";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
