package org.icl.api.config;

/** A setting that is missing, misspelt, of the wrong type or out of range; the message names key, origin and expectation. */
public final class InvalidSettingException extends InvalidInputException {

    public InvalidSettingException(String message) {
        super(message);
    }
}
