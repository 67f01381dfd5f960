package dev.visionstream.models.counting;

import java.util.Locale;

/**
 * Measures counting error of each built-in filter-bank variant on the synthetic scenes and the two real images;
 * the figures chose {@link FilterBankBackbone#DEFAULT_VARIANT}. Run by hand (it prints, it does not assert):
 * {@code java -cp <test classpath> -Dvision.assets=target/assets dev.visionstream.models.counting.FilterBankComparison}
 */
public final class FilterBankComparison {
    private FilterBankComparison() {
    }

    public static void main(String[] args) {
        int scenes = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        for (FilterBankBackbone.Variant v : FilterBankBackbone.Variant.values()) {
            if (System.getProperty("variant") != null && !v.name().equals(System.getProperty("variant"))) {
                continue;
            }
            try (CountingDino counter = new CountingDino(new FilterBankBackbone(v))) {
                double absErr = 0;
                double trueSum = 0;
                double relErr = 0;
                long t0 = System.nanoTime();
                for (int i = 0; i < scenes; i++) {
                    SyntheticScene s = SyntheticScenes.scene(i);
                    double c = counter.count(s.image(), s.exemplars()).count();
                    absErr += Math.abs(c - s.targets());
                    relErr += Math.abs(c - s.targets()) / s.targets();
                    trueSum += s.targets();
                    if (args.length > 1) {
                        System.out.printf(Locale.ROOT, "  scene %d: true %d counted %.1f%n", i, s.targets(), c);
                    }
                }
                double ms = (System.nanoTime() - t0) / 1e6 / scenes;
                double coins = counter.count(CountingSamples.read(CountingSamples.COINS),
                        CountingSamples.COIN_EXEMPLARS).count();
                double smarties = counter.count(CountingSamples.read(CountingSamples.SMARTIES),
                        CountingSamples.SMARTIES_EXEMPLARS).count();
                System.out.printf(Locale.ROOT, "%s: synthetic MAE %.2f (%.1f%% of mean true count %.1f, mean "
                                + "relative error %.1f%%, %.0f ms/scene); coins %.2f (true 24); "
                                + "smarties %.2f (true 14)%n",
                        v, absErr / scenes, 100 * absErr / trueSum, trueSum / scenes, 100 * relErr / scenes, ms,
                        coins, smarties);
            }
        }
    }
}
