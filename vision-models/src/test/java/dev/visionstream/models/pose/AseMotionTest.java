package dev.visionstream.models.pose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AseMotionTest {
    /**
     * Root at (1,2,3) turning about z (+90° at tick 800, another +90° at 1600: keys after the first are increments)
     * and rising to z = 13; Arm 2 units along +x, its rest rotation (90° about z) repeated by its only key; Hand 2
     * units along -y in the world, i.e. (2,0,0) in the turned Arm frame.
     */
    private static final String SCENE = """
            *3DSMAX_ASCIIEXPORT\t200
            *SCENE {
            \t*SCENE_FIRSTFRAME 0
            \t*SCENE_LASTFRAME 10
            \t*SCENE_FRAMESPEED 30
            \t*SCENE_TICKSPERFRAME 160
            }
            *GEOMOBJECT {
            \t*NODE_NAME "Root"
            \t*NODE_TM {
            \t\t*NODE_NAME "Root"
            \t\t*TM_ROW0 1.0000\t0.0000\t0.0000
            \t\t*TM_ROW1 0.0000\t1.0000\t0.0000
            \t\t*TM_ROW2 0.0000\t0.0000\t1.0000
            \t\t*TM_ROW3 1.0000\t2.0000\t3.0000
            \t}
            \t*TM_ANIMATION {
            \t\t*NODE_NAME "Root"
            \t\t*CONTROL_POS_TRACK {
            \t\t\t*CONTROL_POS_SAMPLE 0\t1.0000\t2.0000\t3.0000
            \t\t\t*CONTROL_POS_SAMPLE 800\t1.0000\t2.0000\t13.0000
            \t\t}
            \t\t*CONTROL_ROT_TRACK {
            \t\t\t*CONTROL_ROT_SAMPLE 0\t0.0000\t0.0000\t1.0000\t0.0000
            \t\t\t*CONTROL_ROT_SAMPLE 800\t0.0000\t0.0000\t1.0000\t1.5707963
            \t\t\t*CONTROL_ROT_SAMPLE 1600\t0.0000\t0.0000\t1.0000\t1.5707963
            \t\t}
            \t}
            }
            *HELPEROBJECT {
            \t*NODE_NAME "Arm"
            \t*NODE_PARENT "Root"
            \t*NODE_TM {
            \t\t*NODE_NAME "Arm"
            \t\t*TM_ROW0 0.0000\t-1.0000\t0.0000
            \t\t*TM_ROW1 1.0000\t0.0000\t0.0000
            \t\t*TM_ROW2 0.0000\t0.0000\t1.0000
            \t\t*TM_ROW3 3.0000\t2.0000\t3.0000
            \t}
            \t*TM_ANIMATION {
            \t\t*CONTROL_ROT_TRACK {
            \t\t\t*CONTROL_ROT_SAMPLE 0\t0.0000\t0.0000\t1.0000\t1.5707963
            \t\t}
            \t}
            }
            *GEOMOBJECT {
            \t*NODE_NAME "Hand"
            \t*NODE_PARENT "Arm"
            \t*NODE_TM {
            \t\t*NODE_NAME "Hand"
            \t\t*TM_ROW0 1.0000\t0.0000\t0.0000
            \t\t*TM_ROW1 0.0000\t1.0000\t0.0000
            \t\t*TM_ROW2 0.0000\t0.0000\t1.0000
            \t\t*TM_ROW3 3.0000\t0.0000\t3.0000
            \t}
            }
            """;

    @Test
    void composesParentRelativeTracksIntoWorldPositions() {
        AseMotion ase = AseMotion.parse(SCENE);
        assertEquals(List.of("Root", "Arm", "Hand"), ase.names());
        assertArrayEquals(new int[] {-1, 0, 1}, ase.parents());
        assertEquals(11, ase.frameCount());
        double[][] f0 = ase.worldPositions(0);
        for (int j = 0; j < 3; j++) {
            assertArrayEquals(ase.nodeTmPositions()[j], f0[j], 1e-6, "frame 0 reproduces NODE_TM of joint " + j);
        }
        // tick 800: Max's +90° about z takes +x to -y (row vectors), the root has risen to z = 13
        double[][] f5 = ase.worldPositions(5);
        assertArrayEquals(new double[] {1, 0, 13}, f5[1], 1e-6);
        assertArrayEquals(new double[] {-1, 0, 13}, f5[2], 1e-6);
        // tick 1600: the second +90° adds to the first
        double[][] f10 = ase.worldPositions(10);
        assertArrayEquals(new double[] {-1, 2, 13}, f10[1], 1e-6);
        assertArrayEquals(new double[] {-1, 4, 13}, f10[2], 1e-6);
        // frame 2 = 40 % of the way to the first turn: slerp gives 36°, the position is linear
        double a = Math.toRadians(36);
        assertArrayEquals(new double[] {1 + 2 * Math.cos(a), 2 - 2 * Math.sin(a), 7}, ase.worldPositions(2)[1],
                1e-6);
        SkeletonMotion motion = ase.motion("test");
        assertEquals(30, motion.fps());
        assertEquals(11, motion.frameCount());
    }

    @Test
    void malformedInputNamesTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AseMotion.parse(SCENE.replace("800\t1.0000\t2.0000\t13.0000", "800\t1.0000\tx\t13.0000")));
        assertTrue(e.getMessage().contains("line 21") && e.getMessage().contains("'x'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> AseMotion.parse(SCENE.replace("*NODE_PARENT \"Arm\"", "*NODE_PARENT \"Elbow\"")));
        assertTrue(e.getMessage().contains("Elbow"), e.getMessage());
    }

    /** Checks on MotionCaptureROM.ase (assimp test models): the semantics above reproduce the exporter's own TMs. */
    @Test
    void rangeOfMotionCaptureIsConsistent() throws IOException {
        AseMotion ase = AseMotion.read(PoseDataFiles.require(PoseDataSplits.ROM_ASSET));
        SkeletonMotion motion = ase.motion("MotionCaptureROM");
        assertEquals(1359, motion.frameCount());
        assertEquals(30, motion.fps());
        // (a) frame 0 reproduces every NODE_TM within the file's 4-decimal rounding of axes and angles
        double worst = 0;
        double[][] tm = ase.nodeTmPositions();
        for (int j = 0; j < tm.length; j++) {
            worst = Math.max(worst, MotionGlitches.distance(tm[j], motion.frames().get(0)[j]));
        }
        System.out.printf("ASE frame 0 vs NODE_TM: max %.5f%n", worst);
        assertTrue(worst < 0.01, "frame 0 deviates from NODE_TM by " + worst);
        // (b) bones without a position track are rigid; report the ones whose offsets the capture animates
        int[] parents = motion.parents();
        for (int j = 0; j < parents.length; j++) {
            if (parents[j] < 0) {
                continue;
            }
            BoneLengthRange bone = BoneLengthRange.of(motion, j);
            if (bone.spread() > 1e-6) {
                System.out.printf("ASE bone %s: length %.4f..%.4f%n", motion.names().get(j), bone.min(), bone.max());
            }
            boolean animatedOffset = List.of("Bip01 Schritte", "Bip01 Wirbels_ule", "Bip01 Wirbels_ule1",
                    "Bip01 Wirbels_ule2", "Bip01 L Oberschenkel", "Bip01 R Oberschenkel")
                    .contains(motion.names().get(j));
            assertTrue(animatedOffset || bone.spread() < 1e-6,
                    motion.names().get(j) + " changes length by " + bone.spread());
        }
        System.out.println("ASE jumps: " + MotionGlitches.jumps(motion, MotionGlitches.DEFAULT_MAX_SPEED));
        System.out.println("ASE clean segments (>= 30 frames): "
                + MotionGlitches.cleanSegments(motion, MotionGlitches.DEFAULT_MAX_SPEED, 30));
    }
}
