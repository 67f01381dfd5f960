package dev.visionstream.models.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BoundedImageDecoderTest {
    private final BoundedImageDecoder decoder = new BoundedImageDecoder(1_000_000);

    @Test
    void decodesPngAndJpeg() throws Exception {
        BufferedImage source = TestImages.filled(40, 30, 0x336699);
        assertEquals(40, decoder.decode(TestImages.encode(source, "png")).getWidth());
        BufferedImage jpeg = decoder.decode(TestImages.encode(source, "jpg"));
        assertEquals(30, jpeg.getHeight());
    }

    @Test
    void subsamplingShrinksTheDecodedImage() throws Exception {
        BufferedImage image = decoder.decode(TestImages.encode(TestImages.filled(40, 30, 0), "png"), 4);
        assertEquals(10, image.getWidth());
        assertEquals(8, image.getHeight());
    }

    @Test
    void refusesADecompressionBombFromItsHeader() {
        byte[] bomb = TestImages.pngDeclaring(50_000, 50_000);
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> decoder.decode(bomb));
        assertEquals(ImageDecodeException.Reason.PIXEL_LIMIT_EXCEEDED, e.reason());
    }

    @Test
    void refusesFramesOverTheByteLimitBeforeParsing() {
        BoundedImageDecoder small = new BoundedImageDecoder(1_000_000, 100);
        byte[] png = TestImages.encode(TestImages.filled(64, 64, 0x123456), "png");
        assertEquals(ImageDecodeException.Reason.TOO_MANY_BYTES,
                assertThrows(ImageDecodeException.class, () -> small.decode(png)).reason());
    }

    @Test
    void classifiesEmptyForeignAndTruncatedData() {
        assertEquals(ImageDecodeException.Reason.EMPTY,
                assertThrows(ImageDecodeException.class, () -> decoder.decode(new byte[0])).reason());
        assertEquals(ImageDecodeException.Reason.UNSUPPORTED_FORMAT,
                assertThrows(ImageDecodeException.class, () -> decoder.decode("{\"json\":1}".getBytes())).reason());
        byte[] jpeg = TestImages.encode(TestImages.filled(64, 64, 0x808080), "jpg");
        byte[] truncated = Arrays.copyOf(jpeg, jpeg.length / 2);
        assertEquals(ImageDecodeException.Reason.CORRUPT,
                assertThrows(ImageDecodeException.class, () -> decoder.decode(truncated)).reason());
        byte[] png = TestImages.encode(TestImages.filled(64, 64, 0x808080), "png");
        byte[] truncatedPng = Arrays.copyOf(png, png.length - 30);
        assertEquals(ImageDecodeException.Reason.CORRUPT,
                assertThrows(ImageDecodeException.class, () -> decoder.decode(truncatedPng)).reason());
    }
}
