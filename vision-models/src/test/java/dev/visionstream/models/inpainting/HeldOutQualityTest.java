package dev.visionstream.models.inpainting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.visionstream.models.inpainting.training.HeldOutEvaluation;
import dev.visionstream.models.inpainting.training.InpaintingAssets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stage's default method against OpenCV Telea on held-out 256×256 crops of the test images (never trained or
 * tuned on; fuzzy and generated irregular masks, bands 10–30 % and 30–50 %): at least 0.3 dB more mean hole PSNR
 * in both bands.
 */
class HeldOutQualityTest {
    private static final double MARGIN_DB = 0.3;

    @Test
    void theDefaultBeatsTeleaByAThirdOfADecibelInBothBands() throws Exception {
        Path assets = Path.of(System.getProperty("vision.assets", "target/assets"));
        assumeTrue(InpaintingAssets.images(assets).stream().allMatch(Files::isRegularFile),
                "test images missing: run scripts/fetch-test-assets.sh");
        List<HeldOutEvaluation.Case> cases = HeldOutEvaluation.cases(assets, 2020);
        List<HeldOutEvaluation.Score> chosen;
        List<HeldOutEvaluation.Score> telea;
        try (Inpainter model = Inpainting.create(InpaintMethod.parse(null), null);
             Inpainter t = new OpenCvInpainter(InpaintMethod.TELEA);
             Inpainter n = new OpenCvInpainter(InpaintMethod.NS);
             Inpainter blend = BlendInpainter.builtIn()) {
            chosen = HeldOutEvaluation.score(model, cases);
            telea = HeldOutEvaluation.score(t, cases);
            HeldOutEvaluation.score(n, cases).forEach(System.out::println);
            HeldOutEvaluation.score(blend, cases).forEach(System.out::println);
        }
        chosen.forEach(System.out::println);
        telea.forEach(System.out::println);
        assertEquals(2, chosen.size(), "both bands have cases");
        for (int band = 0; band < 2; band++) {
            assertTrue(chosen.get(band).psnr() >= telea.get(band).psnr() + MARGIN_DB,
                    "band " + band + ": default " + chosen.get(band) + " vs Telea " + telea.get(band));
        }
    }
}
