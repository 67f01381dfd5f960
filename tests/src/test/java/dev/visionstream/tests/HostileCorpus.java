package dev.visionstream.tests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visionstream.ingest.ArtifactStore;
import dev.visionstream.schemas.ArtifactRef;
import dev.visionstream.schemas.FrameHeaders;
import dev.visionstream.schemas.Json;
import dev.visionstream.schemas.Topics;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds the records of the hostile-input corpus from {@code hostile/manifest.json}: each case becomes the bad
 * record(s) it describes. Deterministic (seeded), so a failure names a case that reproduces.
 */
final class HostileCorpus {
    /** One manifest entry. */
    record Case(String id, String kind, String expect, String description, JsonNode args) {
        String arg(String name, String fallback) {
            return args != null && args.has(name) && !args.get(name).isNull() ? args.get(name).asText() : fallback;
        }

        boolean hasArg(String name) {
            return args != null && args.has(name);
        }
    }

    private final ArtifactStore artifacts;
    private final Random random = new Random(20261126);
    private final byte[] jpeg;
    private final byte[] png;

    HostileCorpus(ArtifactStore artifacts) {
        this.artifacts = artifacts;
        BufferedImage scene = texture(320, 240);
        this.jpeg = encode(scene, "jpg");
        this.png = encode(scene, "png");
    }

    static List<Case> manifest() throws IOException {
        try (InputStream in = HostileCorpus.class.getResourceAsStream("/hostile/manifest.json")) {
            JsonNode root = Json.MAPPER.readTree(in);
            List<Case> cases = new ArrayList<>();
            for (JsonNode c : root.get("cases")) {
                cases.add(new Case(c.get("id").asText(), c.get("kind").asText(), c.get("expect").asText(),
                        c.get("description").asText(), c.get("args")));
            }
            return cases;
        }
    }

    /** A valid frame, for the good records around the bad ones. */
    byte[] goodJpeg() {
        return encode(texture(320, 240), "jpg");
    }

    /** The camera id a config case configures. */
    static String configCamera(Case c) {
        return "cfg-" + c.id();
    }

    /** The config record of a config case: its camera, and the bad JSON. */
    ProducerRecord<String, String> configRecord(Case c) {
        String camera = configCamera(c);
        return new ProducerRecord<>(Topics.CAMERAS, camera, c.arg("config", "").replace("$CAM", camera));
    }

    /** The silent partner camera of a rig case: configured in the same rig, never sends a frame. */
    static String partnerCamera(Case c) {
        return configCamera(c) + "-partner";
    }

    /** The partner's config record of a rig case ({@code $PARTNER} is the partner, {@code $CAM} the case camera). */
    ProducerRecord<String, String> partnerRecord(Case c) {
        String partner = partnerCamera(c);
        return new ProducerRecord<>(Topics.CAMERAS, partner, c.arg("partner", "").replace("$PARTNER", partner)
                .replace("$CAM", configCamera(c)));
    }

    /** The record of a keypoints case, for the pose stage's input topic. */
    ProducerRecord<String, String> keypointsRecord(Case c) {
        return new ProducerRecord<>(Topics.KEYPOINTS_3D, "kp-cam", c.arg("json", ""));
    }

    /** The frame record of a case, carrying {@code sequence} so its error event can be traced back to the case. */
    ProducerRecord<String, byte[]> frameRecord(Case c, long sequence, long timestamp) {
        String camera = c.kind().equals("config") ? configCamera(c)
                : c.hasArg("camera") ? c.arg("camera", null) : "good-cam";
        RecordHeaders headers = new RecordHeaders();
        FrameHeaders.put(headers, FrameHeaders.SEQUENCE, sequence);
        byte[] value;
        if (c.hasArg("claim")) {
            value = new byte[0];
            claimCheck(c, headers);
        } else {
            value = payload(c);
        }
        String contentType = c.arg("contentType", "image/jpeg");
        FrameHeaders.put(headers, FrameHeaders.CONTENT_TYPE, contentType);
        return new ProducerRecord<>(Topics.FRAMES, null, timestamp, camera, value, headers);
    }

    private void claimCheck(Case c, RecordHeaders headers) {
        ArtifactRef stored = artifacts.put(jpeg, "image/jpeg");
        String uri = switch (c.arg("claim", "")) {
            case "stored" -> stored.uri();
            case "missing" -> "artifact://sha256/" + "ab".repeat(32) + ".jpg";
            default -> c.arg("claim", "");
        };
        FrameHeaders.put(headers, FrameHeaders.CLAIM_CHECK, uri);
        switch (c.arg("sha", "valid")) {
            case "valid" -> FrameHeaders.put(headers, FrameHeaders.CLAIM_CHECK_SHA256,
                    c.arg("claim", "").equals("missing") ? "ab".repeat(32) : stored.sha256());
            case "wrong" -> FrameHeaders.put(headers, FrameHeaders.CLAIM_CHECK_SHA256, "0".repeat(64));
            default -> { } // no checksum header at all
        }
    }

    private byte[] payload(Case c) {
        int keep = Integer.parseInt(c.arg("keep", "100"));
        return switch (c.arg("payload", "jpeg")) {
            case "empty" -> new byte[0];
            case "jpeg" -> jpeg;
            case "png" -> png;
            case "gif" -> encode(texture(64, 48), "gif");
            case "truncated-jpeg" -> Arrays.copyOf(jpeg, jpeg.length * keep / 100);
            case "truncated-png" -> Arrays.copyOf(png, png.length * keep / 100);
            case "png-signature" -> Arrays.copyOf(png, 8);
            case "jpeg-soi-garbage" -> concat(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff},
                    "this is not a JPEG segment".getBytes(StandardCharsets.US_ASCII));
            case "random" -> {
                byte[] b = new byte[Integer.parseInt(c.arg("size", "1024"))];
                random.nextBytes(b);
                b[0] = 0x42; // never a JPEG or PNG signature by chance
                yield b;
            }
            case "text" -> "hello, this is a frame".getBytes(StandardCharsets.UTF_8);
            case "json" -> "{\"frame\": [1, 2, 3]}".getBytes(StandardCharsets.UTF_8);
            case "png-bomb" -> pngDeclaring(Integer.parseInt(c.arg("width", "0")),
                    Integer.parseInt(c.arg("height", "0")));
            case "jpeg-bomb" -> jpegDeclaring(Integer.parseInt(c.arg("width", "0")),
                    Integer.parseInt(c.arg("height", "0")));
            case "noisy-jpeg" -> encode(noise(Integer.parseInt(c.arg("width", "0")),
                    Integer.parseInt(c.arg("height", "0"))), "jpg");
            case "noisy-png" -> encode(noise(Integer.parseInt(c.arg("width", "0")),
                    Integer.parseInt(c.arg("height", "0"))), "png");
            default -> throw new IllegalArgumentException("unknown payload in case " + c.id());
        };
    }

    private BufferedImage texture(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        int phase = random.nextInt(64);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = 60 + ((x + phase) / 8 + y / 8) % 2 * 100 + (x * y + phase) % 30;
                image.setRGB(x, y, (v << 16) | ((255 - v) << 8) | (v / 2));
            }
        }
        return image;
    }

    private BufferedImage noise(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** A PNG whose header declares the size and whose data is empty: the classic decompression-bomb shape. */
    private static byte[] pngDeclaring(int w, int h) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** Start-of-image and a baseline start-of-frame header declaring the size, then end-of-image. */
    private static byte[] jpegDeclaring(int w, int h) {
        ByteBuffer b = ByteBuffer.allocate(2 + 19 + 2);
        b.put((byte) 0xff).put((byte) 0xd8);
        b.put((byte) 0xff).put((byte) 0xc0).putShort((short) 17).put((byte) 8)
                .putShort((short) h).putShort((short) w).put((byte) 3);
        for (int component = 1; component <= 3; component++) {
            b.put((byte) component).put((byte) 0x11).put((byte) 0);
        }
        b.put((byte) 0xff).put((byte) 0xd9);
        return b.array();
    }
}
