package dev.visionstream.ingest.live;

import dev.visionstream.ingest.live.CaptureClock.Stamp;
import java.awt.image.BufferedImage;

/**
 * A decoded frame waiting to be encoded and produced.
 *
 * @param image         a private copy (the decoder reuses its own buffer)
 * @param receivedNanos {@link System#nanoTime()} when the decoder handed it over, for capture-to-produce latency
 */
record DecodedFrame(BufferedImage image, Stamp capture, long receivedNanos) {
}
