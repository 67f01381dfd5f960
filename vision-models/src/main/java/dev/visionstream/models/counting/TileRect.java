package dev.visionstream.models.counting;

/** One tile of an image in pixels. */
public record TileRect(int x, int y, int width, int height) {
}
