package dev.visionstream.models.splatting;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a standard 3DGS {@code .ply} (binary little-endian, float properties, any number of {@code f_rest} or other
 * extra fields) back into activated values: α = sigmoid(opacity), σ = exp(scale), unit (w, x, y, z) rotations.
 * Higher SH bands are ignored (degree-0 colour only).
 */
public final class GaussianPlyReader {
    private static final String[] REQUIRED = {"x", "y", "z", "f_dc_0", "f_dc_1", "f_dc_2", "opacity", "scale_0",
        "scale_1", "scale_2", "rot_0", "rot_1", "rot_2", "rot_3"};

    private GaussianPlyReader() {
    }

    public static GaussianScene read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
            return read(in);
        }
    }

    public static GaussianScene read(InputStream input) throws IOException {
        DataInputStream in = new DataInputStream(input);
        List<String> properties = new ArrayList<>();
        int count = -1;
        String line = readLine(in);
        if (!"ply".equals(line)) {
            throw new IOException("not a PLY file (first line '" + line + "')");
        }
        boolean inVertex = false;
        while (!(line = readLine(in)).equals("end_header")) {
            String[] parts = line.trim().split("\\s+");
            switch (parts[0]) {
                case "format" -> {
                    if (!"binary_little_endian".equals(parts[1])) {
                        throw new IOException("only binary_little_endian PLY is supported, got " + parts[1]);
                    }
                }
                case "element" -> {
                    inVertex = "vertex".equals(parts[1]);
                    if (inVertex) {
                        count = Integer.parseInt(parts[2]);
                    } else if (Long.parseLong(parts[2]) > 0) {
                        throw new IOException("unexpected PLY element '" + parts[1] + "'");
                    }
                }
                case "property" -> {
                    if (inVertex) {
                        if (!"float".equals(parts[1]) && !"float32".equals(parts[1])) {
                            throw new IOException("property " + parts[parts.length - 1] + " is " + parts[1]
                                    + "; 3DGS files use float");
                        }
                        properties.add(parts[2]);
                    }
                }
                default -> {
                    // comments and obj_info carry nothing we need
                }
            }
        }
        if (count < 0) {
            throw new IOException("PLY header has no vertex element");
        }
        int[] index = new int[REQUIRED.length];
        for (int i = 0; i < REQUIRED.length; i++) {
            index[i] = properties.indexOf(REQUIRED[i]);
            if (index[i] < 0) {
                throw new IOException("PLY lacks the 3DGS property '" + REQUIRED[i] + "'");
            }
        }
        int stride = properties.size();
        GaussianScene scene = GaussianScene.allocate(count);
        byte[] row = new byte[stride * 4];
        ByteBuffer buffer = ByteBuffer.wrap(row).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            in.readFully(row);
            float[] v = new float[REQUIRED.length];
            for (int k = 0; k < REQUIRED.length; k++) {
                v[k] = buffer.getFloat(index[k] * 4);
            }
            scene.means()[3 * i] = v[0];
            scene.means()[3 * i + 1] = v[1];
            scene.means()[3 * i + 2] = v[2];
            scene.shDc()[3 * i] = v[3];
            scene.shDc()[3 * i + 1] = v[4];
            scene.shDc()[3 * i + 2] = v[5];
            scene.opacities()[i] = (float) GaussianActivations.sigmoid(v[6]);
            for (int k = 0; k < 3; k++) {
                scene.scales()[3 * i + k] = (float) Math.exp(v[7 + k]);
            }
            double n = Math.sqrt(v[10] * v[10] + v[11] * v[11] + v[12] * v[12] + v[13] * v[13]);
            for (int k = 0; k < 4; k++) {
                scene.rotationsWxyz()[4 * i + k] = (float) (n == 0 ? (k == 0 ? 1 : 0) : v[10 + k] / n);
            }
        }
        return scene;
    }

    private static String readLine(DataInputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("PLY header ends before end_header");
            }
            if (b.length() > 4096) {
                throw new IOException("PLY header line too long");
            }
            b.append((char) c);
        }
        return new String(b.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.US_ASCII).strip();
    }
}
