package org.icl.app.run;

import java.util.regex.Pattern;

import org.icl.api.config.InvalidSettingException;

/**
 * Names that become directory names inside an output directory: letters, digits, '.', '_' and '-',
 * not starting with '.', at most 100 characters. So no name can climb out ("../x"), nest ("a/b"),
 * hide, or collide with the filesystem's own entries.
 */
public final class SafeName {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}");

    private SafeName() {
    }

    public static boolean isSafe(String name) {
        return SAFE.matcher(name).matches();
    }

    /** Returns {@code name}, or refuses it naming {@code what} (e.g. "variants[2].name") and where it was set. */
    public static String require(String name, String what, String origin) {
        if (!isSafe(name)) {
            throw new InvalidSettingException(what + " = \"" + name + "\" (" + origin + "): expected a name made of letters,"
                    + " digits, '.', '_' and '-', not starting with '.' (it names a directory inside the output directory)");
        }
        return name;
    }
}
