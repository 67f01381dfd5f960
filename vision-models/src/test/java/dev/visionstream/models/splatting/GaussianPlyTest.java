package dev.visionstream.models.splatting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GaussianPlyTest {
    private static GaussianScene twoGaussians() {
        GaussianScene s = GaussianScene.allocate(2);
        float[] means = {1, 2, 3, -0.5f, 0.25f, 8};
        System.arraycopy(means, 0, s.means(), 0, 6);
        float[] scales = {0.01f, 0.02f, 0.04f, 0.3f, 0.001f, 0.1f};
        System.arraycopy(scales, 0, s.scales(), 0, 6);
        double h = Math.sqrt(0.5);
        float[] rot = {1, 0, 0, 0, (float) h, 0, (float) h, 0};
        System.arraycopy(rot, 0, s.rotationsWxyz(), 0, 8);
        s.opacities()[0] = 0.5f;
        s.opacities()[1] = 0.9f;
        float[] sh = {0.1f, -0.2f, 0.3f, 1, 0, -1};
        System.arraycopy(sh, 0, s.shDc(), 0, 6);
        return s;
    }

    @Test
    void headerHasTheStandardPropertyOrder() {
        String h = GaussianPlyWriter.header(2, false);
        assertEquals("ply\nformat binary_little_endian 1.0\nelement vertex 2\nproperty float x\nproperty float y\n"
                + "property float z\nproperty float nx\nproperty float ny\nproperty float nz\nproperty float f_dc_0\n"
                + "property float f_dc_1\nproperty float f_dc_2\nproperty float opacity\nproperty float scale_0\n"
                + "property float scale_1\nproperty float scale_2\nproperty float rot_0\nproperty float rot_1\n"
                + "property float rot_2\nproperty float rot_3\nend_header\n", h);
        String padded = GaussianPlyWriter.header(1, true);
        assertTrue(padded.contains("f_dc_2\nproperty float f_rest_0\n"));
        assertTrue(padded.contains("f_rest_44\nproperty float opacity\n"));
    }

    @Test
    void valuesAreStoredAsLogitLogAndWxyz() {
        GaussianScene s = twoGaussians();
        byte[] bytes = GaussianPlyWriter.toBytes(s, false);
        int headerLength = GaussianPlyWriter.header(2, false).getBytes(StandardCharsets.US_ASCII).length;
        assertEquals(headerLength + 2 * 17 * 4, bytes.length);
        ByteBuffer b = ByteBuffer.wrap(bytes, headerLength, bytes.length - headerLength).slice()
                .order(ByteOrder.LITTLE_ENDIAN);
        float[] first = new float[17];
        float[] second = new float[17];
        for (int i = 0; i < 17; i++) {
            first[i] = b.getFloat();
        }
        for (int i = 0; i < 17; i++) {
            second[i] = b.getFloat();
        }
        assertArrayEquals(new float[] {1, 2, 3, 0, 0, 0, 0.1f, -0.2f, 0.3f, 0,
            (float) Math.log(0.01f), (float) Math.log(0.02f), (float) Math.log(0.04f), 1, 0, 0, 0}, first, 1e-6f);
        assertEquals(Math.log(9), second[9], 1e-5); // logit(0.9)
        assertEquals((float) Math.sqrt(0.5), second[13]); // w first
        assertEquals((float) Math.sqrt(0.5), second[15]); // then x, y: here y
        assertEquals((float) GaussianPlyWriter.logit(1 - 1e-6), (float) GaussianPlyWriter.logit(1.0));
    }

    @Test
    void roundTripsThroughTheReaderPaddedOrNot(@TempDir Path dir) throws IOException {
        GaussianScene s = twoGaussians();
        for (boolean pad : new boolean[] {false, true}) {
            Path file = dir.resolve("scene-" + pad + ".ply");
            GaussianPlyWriter.write(s, file, pad);
            assertEquals(GaussianPlyWriter.header(2, pad).length() + 2L * (pad ? 62 : 17) * 4,
                    Files.size(file));
            GaussianScene back = GaussianPlyReader.read(file);
            assertEquals(2, back.count());
            assertArrayEquals(s.means(), back.means(), 0f);
            assertArrayEquals(s.scales(), back.scales(), 1e-7f);
            assertArrayEquals(s.rotationsWxyz(), back.rotationsWxyz(), 1e-7f);
            assertArrayEquals(s.opacities(), back.opacities(), 1e-6f);
            assertArrayEquals(s.shDc(), back.shDc(), 0f);
        }
    }

    @Test
    void readerRefusesWhatIsNotA3dgsFile() {
        byte[] ascii = "ply\nformat ascii 1.0\nelement vertex 0\nend_header\n".getBytes(StandardCharsets.US_ASCII);
        assertThrows(IOException.class, () -> GaussianPlyReader.read(new ByteArrayInputStream(ascii)));
        byte[] noOpacity = "ply\nformat binary_little_endian 1.0\nelement vertex 0\nproperty float x\nend_header\n"
                .getBytes(StandardCharsets.US_ASCII);
        IOException e = assertThrows(IOException.class,
                () -> GaussianPlyReader.read(new ByteArrayInputStream(noOpacity)));
        assertTrue(e.getMessage().contains("'y'"), e.getMessage());
    }
}
