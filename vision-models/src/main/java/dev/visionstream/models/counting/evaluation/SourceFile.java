package dev.visionstream.models.counting.evaluation;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where a picture, or a part of a composite, comes from.
 *
 * @param pkg     the Debian package
 * @param file    the file's path as the package installs it
 * @param licence the licence that the package's {@code /usr/share/doc/<pkg>/copyright} gives for the file
 * @param role    {@code photo}, {@code background}, {@code target} or {@code distractor}
 */
public record SourceFile(@JsonProperty("package") String pkg, String file, String licence, String role) {
}
