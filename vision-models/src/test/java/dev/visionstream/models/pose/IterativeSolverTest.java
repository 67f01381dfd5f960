package dev.visionstream.models.pose;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IterativeSolverTest {
    @Test
    void fitsSyntheticHeldOutPairsAtGapNineWithinFiveMillimetres() {
        Random random = new Random(2024);
        List<BodyShape> shapes = new ArrayList<>();
        List<double[][]> targets = new ArrayList<>();
        List<BodyPose> inits = new ArrayList<>();
        for (int c = 0; c < 16; c++) {
            MotionClip clip = SyntheticMotion.generate(random, 40, "held-out-" + c);
            int t = random.nextInt(clip.frames() - 9);
            shapes.add(clip.shape());
            inits.add(clip.poses().get(t));
            targets.add(clip.joints().get(t + 9));
        }
        long start = System.nanoTime();
        List<IterativeFit> fits;
        try (IterativeSolver solver = new IterativeSolver()) {
            fits = solver.solveBatch(shapes, targets, inits);
        }
        double ms = (System.nanoTime() - start) / 1e6;
        double sum = 0;
        double worst = 0;
        double before = 0;
        for (int i = 0; i < fits.size(); i++) {
            double e = PoseMetrics.rootAlignedMpjpeMm(ForwardKinematics.joints(shapes.get(i), fits.get(i).pose()),
                    targets.get(i));
            before += PoseMetrics.rootAlignedMpjpeMm(ForwardKinematics.joints(shapes.get(i), inits.get(i)),
                    targets.get(i));
            sum += e;
            worst = Math.max(worst, e);
        }
        double mean = sum / fits.size();
        System.out.printf("iterative: init %.1f mm -> %.2f mm mean, %.2f mm worst, %d iterations, %.0f ms%n",
                before / fits.size(), mean, worst, fits.get(0).iterations(), ms);
        assertTrue(mean <= 5.0, "iterative MPJPE " + mean + " mm");
    }
}
