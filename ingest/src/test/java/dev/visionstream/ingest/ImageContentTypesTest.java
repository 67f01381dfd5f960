package dev.visionstream.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageContentTypesTest {

    @Test
    void recognisesJpegAndPngWrittenByImageIo() throws IOException {
        assertEquals(Optional.of(ImageContentTypes.JPEG), ImageContentTypes.sniff(encode("jpeg")));
        assertEquals(Optional.of(ImageContentTypes.PNG), ImageContentTypes.sniff(encode("png")));
    }

    @Test
    void rejectsOtherFormatsTextAndShortInput() throws IOException {
        assertEquals(Optional.empty(), ImageContentTypes.sniff(encode("bmp")));
        assertEquals(Optional.empty(), ImageContentTypes.sniff("hello, world".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Optional.empty(), ImageContentTypes.sniff(new byte[] {(byte) 0xFF, (byte) 0xD8}));
        assertEquals(Optional.empty(), ImageContentTypes.sniff(new byte[0]));
    }

    private static byte[] encode(String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(TestMedia.picture(8, 8, 0), format, out);
        return out.toByteArray();
    }
}
