package dev.visionstream.models.counting;

import java.io.File;
import javax.imageio.ImageIO;

/** Writes overlays of a few scenes for inspection: {@code OverlayProbe OUT_DIR [scene...]}. */
public final class OverlayProbe {
    private OverlayProbe() {
    }

    public static void main(String[] args) throws Exception {
        File dir = new File(args[0]);
        dir.mkdirs();
        try (CountingDino counter = new CountingDino(new FilterBankBackbone())) {
            for (int i = 1; i < args.length; i++) {
                int k = Integer.parseInt(args[i]);
                SyntheticScene s = SyntheticScenes.scene(k);
                CountResult r = counter.count(s.image(), s.exemplars());
                ImageIO.write(DensityOverlay.render(s.image(), r), "png", new File(dir, "scene" + k + ".png"));
                ImageIO.write(s.image(), "png", new File(dir, "scene" + k + "-in.png"));
                System.out.println("scene " + k + " true " + s.targets() + " count " + r.count() + " peaks "
                        + r.peaks().size());
            }
            for (String[] sample : new String[][] {{CountingSamples.COINS, "coins"},
                    {CountingSamples.SMARTIES, "smarties"}}) {
                var img = CountingSamples.read(sample[0]);
                CountResult r = counter.count(img, sample[1].equals("coins") ? CountingSamples.COIN_EXEMPLARS
                        : CountingSamples.SMARTIES_EXEMPLARS);
                ImageIO.write(DensityOverlay.render(img, r), "png", new File(dir, sample[1] + ".png"));
                System.out.println(sample[1] + " count " + r.count());
            }
        }
    }
}
