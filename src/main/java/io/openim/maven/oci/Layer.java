package io.openim.maven.oci;

/** A gzip-compressed layer and the digest of its uncompressed tar, which the config lists. */
public record Layer(Blob blob, String diffId) {}
