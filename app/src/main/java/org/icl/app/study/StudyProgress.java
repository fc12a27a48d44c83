package org.icl.app.study;

import java.time.Duration;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** One progress bar for a whole study: trials done of all, how many run now and how many failed, and the time left. */
final class StudyProgress implements AutoCloseable {

    private final ProgressBar bar;
    private int running;
    private int failed;

    /** A bar over {@code total} trials of which {@code done} were complete before this run started (and count for nothing in the ETA). */
    StudyProgress(String label, int total, int done) {
        bar = new ProgressBarBuilder().setTaskName(label).setInitialMax(total).startsFrom(done, Duration.ZERO)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" trials", 1).setUpdateIntervalMillis(500).continuousUpdate().build();
        show();
    }

    synchronized void started() {
        running++;
        show();
    }

    synchronized void finished(boolean success) {
        running--;
        if (!success) {
            failed++;
        }
        bar.step();
        show();
    }

    private void show() {
        bar.setExtraMessage(" running " + running + ", failed " + failed);
    }

    @Override
    public void close() {
        bar.close();
    }
}
