package org.icl.api.plugin;

/** A plugin factory's one-line description, listed by {@code icl plugins}. */
public interface Described {

    String description();
}
