package dev.visionstream.models.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

class DeclaredSizeTest {
    @Test
    void readsPngAndJpegHeadersWithoutDecoding() {
        assertEquals(new DeclaredSize(37, 21),
                DeclaredSize.of(TestImages.encode(TestImages.filled(37, 21, 0), "png")).orElseThrow());
        assertEquals(new DeclaredSize(37, 21),
                DeclaredSize.of(TestImages.encode(TestImages.filled(37, 21, 0), "jpg")).orElseThrow());
        assertEquals(new DeclaredSize(50_000, 50_000),
                DeclaredSize.of(TestImages.pngDeclaring(50_000, 50_000)).orElseThrow());
    }

    @Test
    void readsAJpegFrameHeaderThatNoDecoderWouldAccept() {
        // SOI, then SOF0 declaring 65535 x 65534 with three components, then EOI: no tables, no scan
        ByteBuffer b = ByteBuffer.allocate(23).put((byte) 0xff).put((byte) 0xd8).put((byte) 0xff).put((byte) 0xc0)
                .putShort((short) 17).put((byte) 8).putShort((short) 65534).putShort((short) 65535).put((byte) 3);
        for (int c = 1; c <= 3; c++) {
            b.put((byte) c).put((byte) 0x11).put((byte) 0);
        }
        b.put((byte) 0xff).put((byte) 0xd9);
        assertEquals(new DeclaredSize(65535, 65534), DeclaredSize.of(b.array()).orElseThrow());
        assertEquals(ImageDecodeException.Reason.PIXEL_LIMIT_EXCEEDED, Assertions.assertThrows(
                ImageDecodeException.class, () -> new BoundedImageDecoder().decode(b.array())).reason());
    }

    @Test
    void foreignOrHeaderlessDataHasNoDeclaredSize() {
        assertTrue(DeclaredSize.of("hello".getBytes()).isEmpty());
        assertTrue(DeclaredSize.of(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xd9}).isEmpty());
    }
}
