package dev.visionstream.schemas;

/**
 * Per-camera inpainting settings; the mask itself is {@link CameraConfig#maskUri()}.
 *
 * @param method     {@code rn} (default), {@code telea} or {@code ns}
 * @param maskSha256 hex SHA-256 of the mask, required when {@code maskUri} names an {@code artifact://named/...}
 *                   artifact (content-addressed {@code artifact://sha256/...} URIs carry their checksum)
 */
public record InpaintSettings(String method, String maskSha256) {
}
