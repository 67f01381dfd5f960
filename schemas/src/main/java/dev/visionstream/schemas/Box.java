package dev.visionstream.schemas;

/** An axis-aligned box in pixels of the source frame. */
public record Box(double x, double y, double width, double height) {
}
