package dev.visionstream.models.splatting;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;

/**
 * Writes the standard 3DGS {@code .ply} (INRIA layout): binary little-endian, one {@code vertex} element,
 * float properties {@code x y z nx ny nz f_dc_0..2 [f_rest_0..44] opacity scale_0..2 rot_0..3}. Unlike YoNoSplat's
 * own exporter it writes the logit of α (clamped to [1e-6, 1 − 1e-6]), the natural log of σ and the world-frame
 * rotation in (w, x, y, z) order, so standard viewers and loaders read it as intended.
 */
public final class GaussianPlyWriter {
    /** f_rest fields a strict degree-3 loader expects; a degree-0 scene pads them with zeros. */
    public static final int DEGREE3_REST = 45;
    private static final int CHUNK = 1 << 15;

    private GaussianPlyWriter() {
    }

    /**
     * @param padRestToDegree3 write 45 zero {@code f_rest} fields (for strict degree-3 loaders such as the official
     *                         {@code load_ply}); otherwise none (accepted by common viewers, 68 bytes per splat)
     */
    public static void write(GaussianScene scene, Path file, boolean padRestToDegree3) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            write(scene, out, padRestToDegree3);
        }
    }

    public static byte[] toBytes(GaussianScene scene, boolean padRestToDegree3) {
        var out = new ByteArrayOutputStream();
        try {
            write(scene, out, padRestToDegree3);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    public static String header(int count, boolean padRestToDegree3) {
        StringBuilder h = new StringBuilder("ply\nformat binary_little_endian 1.0\nelement vertex ").append(count)
                .append('\n');
        for (String name : new String[] {"x", "y", "z", "nx", "ny", "nz", "f_dc_0", "f_dc_1", "f_dc_2"}) {
            h.append("property float ").append(name).append('\n');
        }
        for (int i = 0; padRestToDegree3 && i < DEGREE3_REST; i++) {
            h.append("property float f_rest_").append(i).append('\n');
        }
        h.append("property float opacity\n");
        for (String name : new String[] {"scale_0", "scale_1", "scale_2", "rot_0", "rot_1", "rot_2", "rot_3"}) {
            h.append("property float ").append(name).append('\n');
        }
        return h.append("end_header\n").toString();
    }

    public static void write(GaussianScene scene, OutputStream out, boolean padRestToDegree3) throws IOException {
        out.write(header(scene.count(), padRestToDegree3).getBytes(StandardCharsets.US_ASCII));
        int floats = 17 + (padRestToDegree3 ? DEGREE3_REST : 0);
        int n = scene.count();
        int chunks = (n + CHUNK - 1) / CHUNK;
        // encode a batch of blocks in parallel, write them in order; the batch bounds the memory in flight
        int batch = 4 * Runtime.getRuntime().availableProcessors();
        for (int first = 0; first < chunks; first += batch) {
            int from = first;
            byte[][] encoded = new byte[Math.min(batch, chunks - first)][];
            IntStream.range(0, encoded.length).parallel().forEach(b -> encoded[b] = encode(scene,
                    (from + b) * CHUNK, Math.min(n, (from + b + 1) * CHUNK), floats, padRestToDegree3));
            for (byte[] block : encoded) {
                out.write(block);
            }
        }
        out.flush();
    }

    private static byte[] encode(GaussianScene scene, int from, int to, int floats, boolean pad) {
        ByteBuffer buffer = ByteBuffer.allocate((to - from) * floats * 4).order(ByteOrder.LITTLE_ENDIAN);
        float[] m = scene.means();
        float[] s = scene.scales();
        float[] q = scene.rotationsWxyz();
        float[] a = scene.opacities();
        float[] sh = scene.shDc();
        for (int i = from; i < to; i++) {
            buffer.putFloat(m[3 * i]).putFloat(m[3 * i + 1]).putFloat(m[3 * i + 2]);
            buffer.putFloat(0).putFloat(0).putFloat(0);
            buffer.putFloat(sh[3 * i]).putFloat(sh[3 * i + 1]).putFloat(sh[3 * i + 2]);
            if (pad) {
                buffer.position(buffer.position() + 4 * DEGREE3_REST); // zeros already
            }
            buffer.putFloat((float) logit(a[i]));
            buffer.putFloat((float) Math.log(s[3 * i])).putFloat((float) Math.log(s[3 * i + 1]))
                    .putFloat((float) Math.log(s[3 * i + 2]));
            buffer.putFloat(q[4 * i]).putFloat(q[4 * i + 1]).putFloat(q[4 * i + 2]).putFloat(q[4 * i + 3]);
        }
        return buffer.array();
    }

    /** {@code ln(a / (1 − a))} with a clamped to [1e-6, 1 − 1e-6], as viewer-compatible exporters do. */
    public static double logit(double alpha) {
        double a = Math.min(Math.max(alpha, 1e-6), 1 - 1e-6);
        return Math.log(a / (1 - a));
    }
}
