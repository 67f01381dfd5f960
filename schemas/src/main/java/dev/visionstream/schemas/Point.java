package dev.visionstream.schemas;

/** A point in image pixels with a value (for example a density peak). */
public record Point(double x, double y, double value) {
}
