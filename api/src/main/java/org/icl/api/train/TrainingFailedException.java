package org.icl.api.train;

/** A run that cannot go on, such as a diverged loss; the message says what to change. */
public final class TrainingFailedException extends IllegalStateException {

    public TrainingFailedException(String message) {
        super(message);
    }
}
