package io.openim.maven.setting;

/** How a setting's text is read. */
public enum SettingType {
    STRING,
    BOOLEAN,
    INTEGER,
    /** Comma separated as a property or variable; a list element per value in the POM. */
    LIST,
    /** POM only: a map has no property or variable. */
    MAP,
    /** One of a fixed set of words. */
    CHOICE
}
