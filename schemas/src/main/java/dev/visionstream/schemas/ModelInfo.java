package dev.visionstream.schemas;

/** The model that produced a result, with where it came from (built-in default or a user-supplied file). */
public record ModelInfo(String name, String version, String provenance) {
}
