package org.icl.app.study;

import java.util.List;

import org.icl.api.config.InvalidSettingException;
import org.icl.api.config.Settings;

/**
 * What a study's report draws: {@code x}, the swept key on the plots' x axis ("" picks the first
 * all-numeric axis), {@code y}, the summary columns plotted, whether report.html shows heatmaps, and
 * {@code methods}, the run keys whose values name a trial's method in the table and figure of evaluation
 * loss against reasoning steps ({@link ReasoningStepsReport}; empty: none).
 */
public record ReportSettings(String x, List<String> y, boolean heatmaps, List<String> methods) {

    public ReportSettings {
        y = List.copyOf(y);
        // a study.json written before methods existed has none
        methods = methods == null ? List.of() : List.copyOf(methods);
    }

    static ReportSettings from(Settings report, List<String> sweptKeys) {
        String x = report.string("x");
        if (!x.isEmpty() && !sweptKeys.contains(x)) {
            throw new InvalidSettingException(report.path() + ".x = \"" + x + "\" (" + report.originOf("x")
                    + "): not a swept key. Swept keys: " + (sweptKeys.isEmpty() ? "none" : String.join(", ", sweptKeys)));
        }
        List<String> y;
        try {
            y = report.config().getStringList("y");
        } catch (com.typesafe.config.ConfigException.WrongType e) {
            throw report.invalid("y", "a list of summary columns, e.g. [metrics.eval_loss]");
        }
        List<String> methods;
        try {
            methods = report.config().getStringList("methods");
        } catch (com.typesafe.config.ConfigException.WrongType e) {
            throw report.invalid("methods", "a list of run keys, e.g. [\"task.cot\", \"model.type\"]");
        }
        return new ReportSettings(x, y, report.bool("heatmaps"), methods);
    }
}
