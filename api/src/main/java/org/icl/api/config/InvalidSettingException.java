package org.icl.api.config;

/** A setting that is missing, misspelt, of the wrong type or out of range; the message names key, origin and expectation. */
public final class InvalidSettingException extends InvalidInputException {

    /** An error whose message names the key, where its value came from, and what was expected. */
    public InvalidSettingException(String message) {
        super(message);
    }
}
