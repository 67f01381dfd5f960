package dev.visionstream.app.console;

/** An encoded frame as the console serves it: its bytes and their content type. */
public record Picture(byte[] bytes, String contentType) {
}
