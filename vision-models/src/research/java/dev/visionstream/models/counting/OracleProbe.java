package dev.visionstream.models.counting;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import dev.visionstream.schemas.ModelInfo;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * What the pipeline itself gives with ideal features, on the accuracy test's scenes (the oracle figures of
 * docs/research/counting.md).
 * Run by hand: {@code OracleProbe SCENES flat|parts}.
 * <ul>
 * <li>{@code flat}: one "is target" channel, the scene's target mask.</li>
 * <li>{@code parts}: part-aware target features, as DINO's are said to be: each target pixel carries a fixed
 * positive random code of where it lies in its object (a 3×3 grid of the object's radius), background zero. The
 * position is drawn into the image's red and green channels and the mask into blue; the backbone reads the codes
 * off the tiles.</li>
 * </ul>
 */
public final class OracleProbe {
    private static final int PARTS_PER_SIDE = 3;
    private static final int CODE_CHANNELS = 32;
    /** Scale of the offset in the red and green channels: one part (the object's radius) per 60 levels. */
    private static final float PART_SCALE = 60f;

    private OracleProbe() {
    }

    public static void main(String[] args) {
        boolean parts = args.length > 1 && args[1].equals("parts");
        try (CountingDino c = new CountingDino(parts ? new PartCodes() : new Flat())) {
            double err = 0;
            double tot = 0;
            for (int i = 0; i < Integer.parseInt(args[0]); i++) {
                SyntheticScene s = SyntheticScenes.scene(i);
                BufferedImage input = parts ? partImage(s.targetMask()) : s.targetMask();
                double n = c.count(input, s.exemplars()).count();
                System.out.printf("scene %d true %d oracle count %.1f%n", i, s.targets(), n);
                err += Math.abs(n - s.targets());
                tot += s.targets();
            }
            System.out.printf("%s oracle MAE %.1f%% of true%n", parts ? "parts" : "flat", 100 * err / tot);
        }
    }

    private abstract static class Oracle implements FeatureBackbone {
        public ModelInfo info() {
            return new ModelInfo("oracle", "0", "test");
        }

        public int tileSize() {
            return 120;
        }

        public int gridSize() {
            return 60;
        }

        NDArray cells(NDArray tiles) {
            return Pool.avgPool2d(tiles, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false, true);
        }
    }

    private static final class Flat extends Oracle {
        public int channels() {
            return 1;
        }

        public NDArray features(NDArray tiles) {
            return cells(tiles.get(new NDIndex(":, 0:1")));
        }
    }

    private static final class PartCodes extends Oracle {
        private final float[][] codes = new float[PARTS_PER_SIDE * PARTS_PER_SIDE][CODE_CHANNELS];

        PartCodes() {
            Random rnd = new Random(7);
            for (float[] code : codes) {
                for (int i = 0; i < code.length; i++) {
                    code[i] = (float) Math.abs(rnd.nextGaussian());
                }
            }
        }

        public int channels() {
            return CODE_CHANNELS;
        }

        public NDArray features(NDArray tiles) {
            NDManager m = tiles.getManager();
            NDArray c = cells(tiles.mul(255));
            NDArray inside = c.get(new NDIndex(":, 2:3")).gt(127);
            NDArray col = c.get(new NDIndex(":, 0:1")).sub(128).div(PART_SCALE).round().clip(-1, 1);
            NDArray row = c.get(new NDIndex(":, 1:2")).sub(128).div(PART_SCALE).round().clip(-1, 1);
            NDArray out = m.zeros(new Shape(tiles.getShape().get(0), CODE_CHANNELS, 60, 60));
            for (int r = -1; r <= 1; r++) {
                for (int q = -1; q <= 1; q++) {
                    NDArray here = inside.logicalAnd(row.eq(r)).logicalAnd(col.eq(q)).toType(out.getDataType(), false);
                    NDArray code = m.create(codes[(r + 1) * PARTS_PER_SIDE + q + 1], new Shape(1, CODE_CHANNELS, 1, 1));
                    out = out.add(here.mul(code));
                }
            }
            return out;
        }
    }

    /** Each connected target of the mask drawn with its pixels' offsets from its centre, in radii. */
    static BufferedImage partImage(BufferedImage mask) {
        int w = mask.getWidth();
        int h = mask.getHeight();
        int[] label = new int[w * h];
        Arrays.fill(label, -1);
        List<double[]> objects = new ArrayList<>();
        int[] stack = new int[w * h];
        for (int seed = 0; seed < w * h; seed++) {
            if (label[seed] >= 0 || !inside(mask, seed % w, seed / w)) {
                continue;
            }
            int id = objects.size();
            double sx = 0;
            double sy = 0;
            int n = 0;
            int top = 0;
            stack[top++] = seed;
            label[seed] = id;
            while (top > 0) {
                int p = stack[--top];
                int x = p % w;
                int y = p / w;
                sx += x;
                sy += y;
                n++;
                int[][] steps = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
                for (int[] d : steps) {
                    int xx = x + d[0];
                    int yy = y + d[1];
                    if (xx >= 0 && yy >= 0 && xx < w && yy < h && label[yy * w + xx] < 0 && inside(mask, xx, yy)) {
                        label[yy * w + xx] = id;
                        stack[top++] = yy * w + xx;
                    }
                }
            }
            objects.add(new double[] {sx / n, sy / n, Math.sqrt(n / Math.PI)});
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        for (int p = 0; p < w * h; p++) {
            if (label[p] < 0) {
                continue;
            }
            double[] o = objects.get(label[p]);
            int red = level((p % w - o[0]) / o[2]);
            int green = level((p / w - o[1]) / o[2]);
            out.setRGB(p % w, p / w, (red << 16) | (green << 8) | 255);
        }
        return out;
    }

    private static boolean inside(BufferedImage mask, int x, int y) {
        return mask.getRaster().getSample(x, y, 0) >= 128;
    }

    private static int level(double radii) {
        return (int) Math.max(0, Math.min(255, Math.round(128 + PART_SCALE * radii)));
    }
}
