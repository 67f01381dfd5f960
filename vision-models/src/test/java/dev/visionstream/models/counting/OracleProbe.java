package dev.visionstream.models.counting;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import dev.visionstream.schemas.ModelInfo;

/**
 * Counts on the scenes' target masks with a one-channel "is target" feature: what the pipeline itself gives with
 * ideal, flat per-object features (the README's oracle figures). Run by hand: {@code OracleProbe SCENES}.
 */
public final class OracleProbe {
    private OracleProbe() {
    }

    public static void main(String[] args) {
        FeatureBackbone oracle = new FeatureBackbone() {
            public ModelInfo info() {
                return new ModelInfo("oracle", "0", "test");
            }

            public int tileSize() {
                return 120;
            }

            public int gridSize() {
                return 60;
            }

            public int channels() {
                return 1;
            }

            public NDArray features(NDArray tiles) {
                NDArray g = tiles.get(new NDIndex(":, 0:1"));
                return Pool.avgPool2d(g, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false, true);
            }
        };
        try (CountingDino c = new CountingDino(oracle)) {
            double err = 0;
            double tot = 0;
            for (int i = 0; i < Integer.parseInt(args[0]); i++) {
                SyntheticScene s = SyntheticScenes.scene(i);
                double n = c.count(s.targetMask(), s.exemplars()).count();
                System.out.printf("scene %d true %d oracle count %.1f%n", i, s.targets(), n);
                err += Math.abs(n - s.targets());
                tot += s.targets();
            }
            System.out.printf("oracle MAE %.1f%% of true%n", 100 * err / tot);
        }
    }
}
