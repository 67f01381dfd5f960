package dev.visionstream.models.inpainting;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Reads and writes NumPy {@code .npz} archives of float32 arrays (a zip of {@code NAME.npy} files, as
 * {@code numpy.savez} writes them, compressed or not). Only what weight files need: little-endian float32 or
 * float64 (narrowed to float32), C order.
 */
public final class NpzArchive {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** One named array: its shape and its values in C order. */
    public record Tensor(long[] shape, float[] values) {
        public long size() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }

    private NpzArchive() {
    }

    public static Map<String, Tensor> read(InputStream in) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String name = entry.getName();
                if (!name.endsWith(".npy")) {
                    throw new IOException("not an .npz weight archive: entry " + name + " is not an .npy array");
                }
                tensors.put(name.substring(0, name.length() - 4), readNpy(name, zip.readAllBytes()));
            }
        }
        if (tensors.isEmpty()) {
            throw new IOException("no arrays in the archive (not an .npz file?)");
        }
        return tensors;
    }

    static Tensor readNpy(String name, byte[] bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (byte b : MAGIC) {
            if (!buf.hasRemaining() || buf.get() != b) {
                throw new IOException(name + ": not a .npy array");
            }
        }
        int major = buf.get() & 0xff;
        buf.get();
        int headerLength = major == 1 ? buf.getShort() & 0xffff : buf.getInt();
        String header = new String(bytes, buf.position(), headerLength, StandardCharsets.ISO_8859_1);
        buf.position(buf.position() + headerLength);
        String descr = group(DESCR, header, name);
        if ("True".equals(group(FORTRAN, header, name))) {
            throw new IOException(name + ": Fortran-ordered arrays are not supported");
        }
        long[] shape = parseShape(group(SHAPE, header, name));
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        float[] values = new float[Math.toIntExact(count)];
        switch (descr) {
            case "<f4" -> buf.asFloatBuffer().get(values);
            case "<f8" -> {
                var doubles = buf.asDoubleBuffer();
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) doubles.get();
                }
            }
            default -> throw new IOException(name + ": dtype " + descr + " is not float32 or float64");
        }
        return new Tensor(shape, values);
    }

    private static String group(Pattern pattern, String header, String name) throws IOException {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new IOException(name + ": malformed .npy header " + header.trim());
        }
        return m.group(1);
    }

    private static long[] parseShape(String text) {
        List<Long> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                dims.add(Long.parseLong(part.trim()));
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    public static void write(Map<String, Tensor> tensors, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
            zip.write(npy(e.getValue()));
            zip.closeEntry();
        }
        zip.finish();
    }

    private static byte[] npy(Tensor tensor) throws IOException {
        StringBuilder shape = new StringBuilder();
        for (long d : tensor.shape()) {
            shape.append(d).append(", ");
        }
        if (tensor.shape().length > 1) {
            shape.setLength(shape.length() - 2);
        } else if (tensor.shape().length == 1) {
            shape.setLength(shape.length() - 1);
        }
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + shape.toString().trim() + "), }";
        // version 1.0 header, padded with spaces so that the data starts on a 64-byte boundary
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(MAGIC);
        out.write(1);
        out.write(0);
        out.write(header.length() & 0xff);
        out.write((header.length() >> 8) & 0xff);
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer data = ByteBuffer.allocate(tensor.values().length * 4).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(tensor.values());
        out.write(data.array());
        return out.toByteArray();
    }
}
