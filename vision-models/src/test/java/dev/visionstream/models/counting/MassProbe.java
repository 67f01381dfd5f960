package dev.visionstream.models.counting;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/** Prints the quantities behind one count (z, tau, mass split): {@code MassProbe scene}. */
public final class MassProbe {
    private MassProbe() {
    }

    public static void main(String[] args) {
        SyntheticScene s = SyntheticScenes.scene(Integer.parseInt(args[0]));
        FilterBankBackbone bb = new FilterBankBackbone();
        TileGrid grid = new TileGrid(2);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray frames = m.create(ImageTensors.planarRgb(s.image()), new Shape(1, 3, 480, 640));
            NDArray f = grid.stitch(bb.features(TileSampler.tiles(frames, grid, bb.tileSize())), 1).get(0);
            var mapped = ExemplarMapping.map(s.exemplars(), 640, 480, 240);
            var sim = SimilarityMaps.compute(f, mapped.cells());
            List<FeatureBox> scaled = new ArrayList<>();
            for (FeatureBox b : mapped.cells()) {
                scaled.add(DensityNormalisation.scaledBox(b, 240, sim.height(), sim.width()));
                System.out.println("box " + b + " -> " + scaled.get(scaled.size() - 1));
            }
            float z = DensityNormalisation.exemplarMass(sim.map(), scaled);
            float tau = DensityNormalisation.threshold(mapped.cells());
            float[] v = sim.map().toFloatArray();
            double total = 0;
            double above = 0;
            int nAbove = 0;
            int[] hist = new int[10];
            for (float x : v) {
                total += x;
                hist[Math.min(9, (int) (x * 10))]++;
                if (x / z >= tau) {
                    above += x;
                    nAbove++;
                }
            }
            System.out.printf("true %d z %.2f tau %.5f (S thr %.3f) sumS/z %.1f aboveS/z %.1f cells above %d of %d%n",
                    s.targets(), z, tau, z * tau, total / z, above / z, nAbove, v.length);
            System.out.println("S histogram by tenths: " + java.util.Arrays.toString(hist));
        }
    }
}
