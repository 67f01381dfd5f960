package dev.visionstream.schemas;

import java.util.Objects;

/**
 * Where and how an ingest process reads a camera: the {@code source} section of a {@link CameraConfig}. Fields left
 * out take the defaults below.
 *
 * @param url               {@code rtsp://}, {@code rtsps://}, {@code http(s)://} (MJPEG), {@code v4l2:///dev/videoN}
 *                          or {@code /dev/videoN}, or a video file
 * @param transport         RTSP transport, {@code tcp} (default: survives NAT and loss) or {@code udp}
 * @param fpsCap            at most this many frames per second are produced; null = every frame
 * @param jpegQuality       JPEG quality in (0, 1]
 * @param maxWidth          frames wider than this are scaled down; 0 = keep the size
 * @param stallSeconds      no frame for this long counts as a stall and forces a reconnect
 * @param queueCapacity     frames waiting between decoding and producing; live drops the oldest beyond it
 * @param maxBackoffSeconds longest wait between reconnect attempts
 */
public record CameraSource(String url, String transport, Double fpsCap, Double jpegQuality, Integer maxWidth,
                           Double stallSeconds, Integer queueCapacity, Double maxBackoffSeconds) {
    public static final String TCP = "tcp";
    public static final String UDP = "udp";

    public CameraSource {
        Objects.requireNonNull(url, "url");
        transport = transport == null ? TCP : transport;
        jpegQuality = jpegQuality == null ? 0.85 : jpegQuality;
        maxWidth = maxWidth == null ? 0 : maxWidth;
        stallSeconds = stallSeconds == null ? 5.0 : stallSeconds;
        queueCapacity = queueCapacity == null ? 2 : queueCapacity;
        maxBackoffSeconds = maxBackoffSeconds == null ? 30.0 : maxBackoffSeconds;
    }

    /** A source with every option at its default. */
    public static CameraSource of(String url) {
        return new CameraSource(url, null, null, null, null, null, null, null);
    }
}
