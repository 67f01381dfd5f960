package dev.visionstream.models.inpainting.training;

import dev.visionstream.models.inpainting.InpaintMask;
import dev.visionstream.models.inpainting.InpaintQuality;
import dev.visionstream.models.inpainting.Inpainter;
import dev.visionstream.models.inpainting.Inpainting;
import dev.visionstream.models.inpainting.IrregularMasks;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * The held-out comparison of inpainting methods: 256×256 crops from the RIGHT edge of each test image (never seen in
 * training, see {@link InpaintingAssets}), with the OpenCV fuzzy masks (inverted, cropped) and with generated
 * irregular masks, grouped into the hole-ratio bands 10–30 % and 30–50 %. Reports mean hole PSNR, hole L1 and SSIM.
 */
public final class HeldOutEvaluation {
    public static final int CROP = 256;
    /** Hole-ratio bands [min, max). */
    public static final double[][] BANDS = {{0.10, 0.30}, {0.30, 0.50}};

    /** One crop and mask, with its band index. */
    public record Case(String name, BufferedImage image, InpaintMask mask, int band) {
    }

    /** Mean figures of one method in one band. */
    public record Score(String method, int band, int cases, double psnr, double holeL1, double ssim) {
        @Override
        public String toString() {
            return String.format("%-8s band %2.0f-%2.0f%%  n=%2d  hole PSNR %6.2f dB  hole L1 %.4f  SSIM %.4f", method,
                    100 * BANDS[band][0], 100 * BANDS[band][1], cases, psnr, holeL1, ssim);
        }
    }

    private HeldOutEvaluation() {
    }

    /** The cases: per image two right-edge crops, each with one generated mask per band, plus the fuzzy masks. */
    public static List<Case> cases(Path assets, long seed) throws IOException {
        Random random = new Random(seed);
        List<InpaintMask> fuzzy = new ArrayList<>();
        for (Path f : InpaintingAssets.fuzzyMasks(assets)) {
            // black = damage in these files, so the holes are the inverse of the non-zero rule
            fuzzy.add(InpaintMask.fromImage(read(f)).inverted().crop(0, 0, CROP, CROP));
        }
        List<Case> cases = new ArrayList<>();
        for (Path file : InpaintingAssets.images(assets)) {
            BufferedImage full = rgb(read(file));
            int x = full.getWidth() - CROP;
            for (int y : new int[] {0, full.getHeight() - CROP}) {
                BufferedImage crop = full.getSubimage(x, y, CROP, CROP);
                String name = file.getFileName() + "@" + x + "," + y;
                for (int band = 0; band < BANDS.length; band++) {
                    InpaintMask mask = IrregularMasks.generate(CROP, CROP, BANDS[band][0], BANDS[band][1] - 1e-6,
                            random);
                    cases.add(new Case(name + "/irregular", crop, mask, band));
                }
                for (int i = 0; i < fuzzy.size(); i++) {
                    int band = bandOf(fuzzy.get(i).holeFraction());
                    if (band >= 0) {
                        cases.add(new Case(name + "/fuzzy" + (i + 1), crop, fuzzy.get(i), band));
                    }
                }
            }
        }
        return cases;
    }

    /**
     * Cases from photographs (the project's validation photos): each scaled to a short side of 384, a 256×256 crop
     * at the top-left and one at the bottom-right, each with one generated mask per band.
     */
    public static List<Case> photoCases(List<Path> photos, long seed) {
        Random random = new Random(seed);
        List<Case> cases = new ArrayList<>();
        for (Path photo : photos) {
            BufferedImage full = PhotoPool.read(photo, 384);
            if (full.getWidth() < CROP || full.getHeight() < CROP) {
                continue;
            }
            int[][] corners = {{0, 0}, {full.getWidth() - CROP, full.getHeight() - CROP}};
            for (int[] at : corners) {
                BufferedImage crop = full.getSubimage(at[0], at[1], CROP, CROP);
                for (int band = 0; band < BANDS.length; band++) {
                    InpaintMask mask = IrregularMasks.generate(CROP, CROP, BANDS[band][0], BANDS[band][1] - 1e-6,
                            random);
                    cases.add(new Case(photo.getFileName() + "@" + at[0] + "," + at[1], crop, mask, band));
                }
            }
        }
        return cases;
    }

    static int bandOf(double fraction) {
        for (int b = 0; b < BANDS.length; b++) {
            if (fraction >= BANDS[b][0] && fraction < BANDS[b][1]) {
                return b;
            }
        }
        return -1;
    }

    /** Mean scores per band for one inpainter, through the same {@link Inpainting#run} the service uses. */
    public static List<Score> score(Inpainter inpainter, List<Case> cases) {
        Map<Integer, double[]> sums = new LinkedHashMap<>();
        for (Case c : cases) {
            BufferedImage out = Inpainting.run(inpainter, c.image(), c.mask()).image();
            double[] s = sums.computeIfAbsent(c.band(), b -> new double[4]);
            s[0] += InpaintQuality.holePsnr(c.image(), out, c.mask());
            s[1] += InpaintQuality.holeL1(c.image(), out, c.mask());
            s[2] += InpaintQuality.ssim(c.image(), out);
            s[3]++;
        }
        List<Score> scores = new ArrayList<>();
        for (int band = 0; band < BANDS.length; band++) {
            double[] s = sums.get(band);
            if (s != null) {
                scores.add(new Score(inpainter.method().id(), band, (int) s[3], s[0] / s[3], s[1] / s[3],
                        s[2] / s[3]));
            }
        }
        return scores;
    }

    private static BufferedImage read(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IOException("cannot decode " + file);
        }
        return image;
    }

    /** A TYPE_INT_RGB copy (camera.png is grey: replicated to three channels). */
    private static BufferedImage rgb(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        out.getGraphics().drawImage(image, 0, 0, null);
        return out;
    }
}
