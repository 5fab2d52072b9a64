package io.openim.maven.config;

/** Where a resolved value came from, highest precedence first. */
public enum SettingSource {
    PROPERTY,
    POM,
    ENVIRONMENT,
    DEFAULT,
    UNSET
}
