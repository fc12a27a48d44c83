package org.icl.api.config;

/**
 * Input the program refuses before (or instead of) doing work: a bad setting, argument, path or
 * file such as a corrupt checkpoint. The message names what is wrong and where it came from.
 */
public class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message);
    }

    /** The same, keeping the cause for a debugging session's stack trace. */
    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
