package dev.visionstream.schemas;

/** A bulky output or input kept in the artifact store, referenced from an event or a claim-check header. */
public record ArtifactRef(String uri, String sha256, long bytes, String contentType) {
}
