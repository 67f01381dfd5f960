package dev.visionstream.models;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.visionstream.models.counting.CountingDino;
import dev.visionstream.models.counting.FilterBankBackbone;
import dev.visionstream.models.counting.SyntheticScene;
import dev.visionstream.models.inpainting.InpaintMask;
import dev.visionstream.models.inpainting.IrregularMasks;
import dev.visionstream.models.inpainting.RnInpainter;
import dev.visionstream.models.pose.PosePairs;
import dev.visionstream.models.pose.PoseTracker;
import dev.visionstream.models.pose.PoseTrainer;
import dev.visionstream.models.pose.TrackState;
import dev.visionstream.models.process.ExternalCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Repeated model calls must not leave tensors behind: an op's result joins its first operand's manager, so an op
 * on a model constant inside a call lands in the model's long-lived manager and is never freed (the soak showed
 * that as ~800 leaked tensors a second and gigabytes of resident memory). Counts live PyTorch NDArray objects
 * after a GC through {@code jcmd GC.class_histogram}.
 */
class NativeArrayLeakTest {
    private static final int WARM_UP = 2;
    private static final int CALLS = 5;
    /** Allowance for arrays a GC has not collected yet; a leak is thousands. */
    private static final long SLACK = 10;

    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }

    private static long liveArrays() throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        assumeTrue(Files.isExecutable(jcmd), "no jcmd in " + jcmd.getParent());
        System.gc();
        Thread.sleep(100);
        System.gc();
        ExternalCommand.Result r = ExternalCommand.run(Duration.ofSeconds(60), jcmd.toString(),
                Long.toString(ProcessHandle.current().pid()), "GC.class_histogram");
        assumeTrue(r.succeeded(), "jcmd failed: " + r.output());
        return r.output().lines().map(String::trim).filter(l -> l.endsWith(" ai.djl.pytorch.engine.PtNDArray"))
                .mapToLong(l -> Long.parseLong(l.split("\\s+")[1])).findFirst().orElse(0);
    }

    private static void assertNoGrowth(String what, Call call) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            call.run();
        }
        long before = liveArrays();
        for (int i = 0; i < CALLS; i++) {
            call.run();
        }
        long grown = liveArrays() - before;
        System.out.printf("live NDArrays after %d more %s calls: %+d%n", CALLS, what, grown);
        assertTrue(grown <= SLACK, what + " left " + grown + " NDArrays behind in " + CALLS + " calls");
    }

    @Test
    void countingLeavesNoTensorsBehind() throws Exception {
        SyntheticScene scene = SyntheticScene.generate(3, 320, 240, 12);
        try (CountingDino counter = new CountingDino(new FilterBankBackbone())) {
            assertNoGrowth("counting", () -> counter.count(scene.image(), scene.exemplars()));
        }
    }

    @Test
    void rnInpaintingLeavesNoTensorsBehind() throws Exception {
        SyntheticScene scene = SyntheticScene.generate(3, 160, 120, 12);
        InpaintMask mask = IrregularMasks.generate(160, 120, 0.1, 0.2, new Random(1));
        try (RnInpainter rn = RnInpainter.builtIn()) {
            assertNoGrowth("RN inpainting", () -> rn.inpaint(scene.image(), mask));
        }
    }

    @Test
    void poseTrackingWithIterativeRefinementLeavesNoTensorsBehind() throws Exception {
        List<PosePairs.Pair> pairs = PosePairs.fixedGap(PoseTrainer.syntheticHeldOut(1, 30), 3, 3);
        try (PoseTracker tracker = PoseTracker.withDefaults()) {
            TrackState[] state = {null};
            long[] frame = {0};
            // the first step of a track is an iterative solve; later ones learned, refined when the residual is high
            assertNoGrowth("pose tracker", () -> {
                PosePairs.Pair p = pairs.get((int) (frame[0] % pairs.size()));
                state[0] = tracker.step(frame[0] % 3 == 0 ? null : state[0], p.target(), 100 * frame[0]++,
                        PoseTracker.Method.LEARNED).state();
            });
        }
    }
}
