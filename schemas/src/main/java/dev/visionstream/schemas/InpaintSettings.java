package dev.visionstream.schemas;

import java.util.List;

/**
 * Per-camera inpainting settings; a mask image is {@link CameraConfig#maskUri()}, drawn zones are {@code polygons}.
 *
 * @param method     {@code rn} (default), {@code blend}, {@code telea} or {@code ns}
 * @param maskSha256 hex SHA-256 of the mask, required when {@code maskUri} names an {@code artifact://named/...}
 *                   artifact (content-addressed {@code artifact://sha256/...} URIs carry their checksum)
 * @param polygons   zones to fill (privacy zones, logos, dead pixels), each a list of at least three
 *                   {@code [x, y]} vertices in source-frame pixels; joined with the mask image when both are set
 */
public record InpaintSettings(String method, String maskSha256, List<List<List<Double>>> polygons) {
    public InpaintSettings {
        polygons = polygons == null ? List.of() : List.copyOf(polygons);
    }

    /** Settings without drawn zones. */
    public InpaintSettings(String method, String maskSha256) {
        this(method, maskSha256, null);
    }
}
