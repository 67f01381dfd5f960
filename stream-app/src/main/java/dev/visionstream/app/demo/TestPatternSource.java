package dev.visionstream.app.demo;

import dev.visionstream.ingest.EncodedImage;
import dev.visionstream.ingest.Frame;
import dev.visionstream.ingest.FrameEncoder;
import dev.visionstream.ingest.FrameSource;
import dev.visionstream.schemas.CaptureTimeSource;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A synthetic camera that misbehaves on purpose, so the demo shows every health rule: moving content, then a
 * frozen stretch, black and blown-out frames, a gap in the sequence, one corrupt frame and a resolution change.
 * After its last frame it goes silent, which the stall timer reports.
 */
public final class TestPatternSource implements FrameSource {
    public static final double FPS = 10;
    /** The sequence number of the deliberately corrupt frame. */
    public static final long CORRUPT_SEQUENCE = 44;
    static final int LAST_SEQUENCE = 59;

    private final String cameraId;
    private final Instant start;
    private final FrameEncoder encoder = new FrameEncoder(0.9f, FrameEncoder.NO_MAX_WIDTH);
    private long sequence = 0;
    private EncodedImage frozen;

    public TestPatternSource(String cameraId, Instant start) {
        this.cameraId = cameraId;
        this.start = start;
    }

    @Override
    public String cameraId() {
        return cameraId;
    }

    @Override
    public Optional<Frame> next() {
        if (sequence == 35) {
            sequence = 38; // three frames lost on the way: a sequence gap
        }
        if (sequence > LAST_SEQUENCE) {
            return Optional.empty();
        }
        long seq = sequence++;
        Instant capture = start.plusMillis(Math.round(seq * 1000 / FPS));
        if (seq == CORRUPT_SEQUENCE) {
            byte[] garbage = "\u00ff\u00d8\u00ff not really a JPEG".getBytes(StandardCharsets.ISO_8859_1);
            return Optional.of(new Frame(cameraId, seq, capture, CaptureTimeSource.CONTAINER, 320, 240,
                    "image/jpeg", garbage));
        }
        EncodedImage image;
        if (seq >= 20 && seq < 28) {
            if (frozen == null) {
                frozen = encoder.encode(scene(seq, 320, 240));
            }
            image = frozen;
        } else if (seq >= 28 && seq < 32) {
            image = encoder.encode(flat(320, 240, new Color(4, 4, 6)));
        } else if (seq >= 32 && seq < 35) {
            image = encoder.encode(flat(320, 240, new Color(252, 252, 250)));
        } else if (seq >= 50) {
            image = encoder.encode(scene(seq, 480, 360));
        } else {
            image = encoder.encode(scene(seq, 320, 240));
        }
        return Optional.of(Frame.of(cameraId, seq, capture, CaptureTimeSource.CONTAINER, image));
    }

    @Override
    public OptionalDouble frameRate() {
        return OptionalDouble.of(FPS);
    }

    @Override
    public void close() {
    }

    /** A gradient with a ball that moves every frame. */
    private static BufferedImage scene(long seq, int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(40, 70, 120), w, h, new Color(200, 180, 90)));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(230, 40, 40));
        int r = h / 6;
        int x = (int) ((seq * 13) % (w - 2 * r));
        g.fillOval(x, h / 2 - r, 2 * r, 2 * r);
        g.setColor(Color.WHITE);
        g.drawString("test pattern #" + seq, 8, 16);
        g.dispose();
        return image;
    }

    private static BufferedImage flat(int w, int h, Color colour) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return image;
    }
}
