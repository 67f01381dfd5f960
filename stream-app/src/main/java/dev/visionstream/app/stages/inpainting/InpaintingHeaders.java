package dev.visionstream.app.stages.inpainting;

/**
 * Per-frame mask headers on {@code vision.frames} records. A frame that carries {@link #MASK} uses that mask instead
 * of its camera's {@code maskUri} (for example a moving privacy zone computed upstream).
 */
public final class InpaintingHeaders {
    /** Mask location: {@code artifact://sha256/<hex>.png}, or {@code artifact://named/<name>} with {@link #MASK_SHA256}. */
    public static final String MASK = "vision.inpaint-mask";
    /** Hex SHA-256 of a named mask artifact. */
    public static final String MASK_SHA256 = "vision.inpaint-mask-sha256";

    private InpaintingHeaders() {
    }
}
