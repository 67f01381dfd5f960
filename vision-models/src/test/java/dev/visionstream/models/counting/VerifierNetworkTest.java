package dev.visionstream.models.counting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VerifierNetworkTest {
    @Test
    void learnsAnInteractionNoSingleFeatureShows() {
        // positive when both features have the same sign (XOR-like): a logistic regression on them stays at chance
        Random rnd = new Random(1);
        List<double[]> xs = new ArrayList<>();
        List<Boolean> ys = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            double a = 2 * rnd.nextDouble() - 1;
            double b = 2 * rnd.nextDouble() - 1;
            xs.add(new double[] {a + 5, 10 * b});
            ys.add(a * b > 0);
        }
        VerifierNetwork net = VerifierNetwork.fit(xs, ys, 16, 60, 1e-5, 7);
        int right = 0;
        for (int i = 0; i < xs.size(); i++) {
            right += (net.probability(xs.get(i)) >= 0.5) == ys.get(i) ? 1 : 0;
        }
        assertTrue(right > 0.93 * xs.size(), "accuracy " + right + " / " + xs.size());
        assertEquals(net.probability(xs.get(0)), VerifierNetwork.fit(xs, ys, 16, 60, 1e-5, 7)
                .probability(xs.get(0)), 1e-12, "the same seed gives the same network");
    }

    @Test
    void refusesInputsOfTheWrongSizeAndInconsistentShapes() {
        VerifierNetwork net = new VerifierNetwork(new double[2], new double[] {1, 1}, new double[][] {{1, 1, 0}},
                new double[] {1, 0});
        assertThrows(IllegalArgumentException.class, () -> net.probability(new double[3]));
        assertThrows(IllegalArgumentException.class, () -> new VerifierNetwork(new double[2], new double[2],
                new double[][] {{1, 1}}, new double[] {1, 0}));
        assertThrows(IllegalArgumentException.class, () -> VerifierNetwork.fit(List.of(), List.of(), 4, 1, 0, 1));
    }
}
