package org.icl.app.wiring;

import org.icl.api.config.InvalidInputException;

/** A plugins folder or plugin jar that cannot be used; the message names the folder or jar and what is wrong with it. */
public final class PluginLoadingException extends InvalidInputException {

    /** An error whose message names the jar or folder at fault. */
    public PluginLoadingException(String message) {
        super(message);
    }

    /** The same, keeping the cause for the stack trace of a debugging session. */
    public PluginLoadingException(String message, Throwable cause) {
        super(message, cause);
    }
}
