package org.icl.app.study;

import java.util.List;

import org.icl.api.config.InvalidSettingException;
import org.icl.api.config.Settings;

/**
 * What a study's report draws: {@code x}, the swept key on the plots' x axis ("" picks the first
 * all-numeric axis), {@code y}, the summary columns plotted, and whether report.html shows heatmaps.
 */
public record ReportSettings(String x, List<String> y, boolean heatmaps) {

    public ReportSettings {
        y = List.copyOf(y);
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
        return new ReportSettings(x, y, report.bool("heatmaps"));
    }
}
