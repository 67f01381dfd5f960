package dev.visionstream.models.pose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class VrmlMotionTest {
    /** ROOT doubles and shifts by +x; ARM sits 1 up and turns half a turn about z around its centre (0, 0.5, 0). */
    private static final String FIGURE = """
            #VRML V2.0 utf8
            DEF ROOT Transform { translation 1 0 0 scale 2 2 2 children [
              DEF ARM Transform { translation 0 1 0 center 0 0.5 0 children [
                DEF TIP Transform { translation 0 1 0 }  # a comment
              ] }
            ] }
            DEF CLOCK TimeSensor { cycleInterval 2 loop TRUE }
            DEF TURN OrientationInterpolator { key [0, 1] keyValue [0 0 1 0, 0 0 1 3.14159265358979] }
            ROUTE CLOCK.fraction_changed TO TURN.set_fraction
            ROUTE TURN.value_changed TO ARM.set_rotation
            """;

    private static final List<VrmlMotion.Joint> JOINTS = List.of(
            new VrmlMotion.Joint("Root", null, "ROOT", new double[3]),
            new VrmlMotion.Joint("Arm", "Root", "ARM", new double[3]),
            new VrmlMotion.Joint("Tip", "Arm", "TIP", new double[3]));

    @Test
    void appliesTheTransformRuleAndTheInterpolator() {
        VrmlMotion vrml = VrmlMotion.parse(FIGURE);
        assertEquals(2, vrml.cycleInterval());
        SkeletonMotion m = vrml.motion("test", JOINTS, 2);
        assertEquals(4, m.frameCount());
        assertArrayEquals(new int[] {-1, 0, 1}, m.parents());
        assertArrayEquals(new double[] {1, 0, 0}, m.frames().get(0)[0], 1e-9);
        assertArrayEquals(new double[] {1, 2, 0}, m.frames().get(0)[1], 1e-9);
        assertArrayEquals(new double[] {1, 4, 0}, m.frames().get(0)[2], 1e-9);
        // fraction 0.5: 90° about the centre; ARM's origin (0,-0.5) from the centre turns to (0.5,0), the tip's
        // (0,0.5) to (-0.5,0); then ROOT: ×2 and +x
        assertArrayEquals(new double[] {2, 3, 0}, m.frames().get(2)[1], 1e-9);
        assertArrayEquals(new double[] {0, 3, 0}, m.frames().get(2)[2], 1e-9);
    }

    @Test
    void malformedInputNamesTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VrmlMotion.parse(FIGURE.replace("center 0 0.5 0", "center 0 0.5 0 }")));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> VrmlMotion.parse(FIGURE.replace("0 0 1 3.14159265358979", "0 0 1")));
        assertTrue(e.getMessage().contains("TURN"), e.getMessage());
    }

    @Test
    void whiteduneWalkAndRunAreRigidUprightAndAlternateTheLegs() throws IOException {
        for (String asset : PoseDataSplits.VRML_ASSETS) {
            String clip = asset.contains("walk") ? "walk" : "run";
            VrmlMotion vrml = VrmlMotion.read(PoseDataFiles.require(asset));
            SkeletonMotion m = vrml.human(clip, 30);
            List<String> names = m.names();
            int[] parents = m.parents();
            double worst = 0;
            for (int j = 1; j < parents.length; j++) {
                worst = Math.max(worst, BoneLengthRange.of(m, j).spread());
            }
            double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
            double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
            double heightMax = 0;
            int leftAhead = 0;
            int head = names.indexOf("Head");
            int leftAnkle = names.indexOf("LeftAnkle");
            int rightAnkle = names.indexOf("RightAnkle");
            for (double[][] f : m.frames()) {
                double lowest = Double.MAX_VALUE;
                for (double[] p : f) {
                    for (int a = 0; a < 3; a++) {
                        lo[a] = Math.min(lo[a], p[a]);
                        hi[a] = Math.max(hi[a], p[a]);
                    }
                    lowest = Math.min(lowest, p[1]);
                }
                heightMax = Math.max(heightMax, f[head][1] - lowest);
                leftAhead += f[leftAnkle][2] > f[rightAnkle][2] ? 1 : 0;
            }
            double[][] first = m.frames().get(0);
            System.out.printf("VRML %s: %d frames over %.1f s, bone length spread %.2e, head above lowest joint"
                    + " up to %.3f, extent x %.3f..%.3f y %.3f..%.3f z %.3f..%.3f, left ankle ahead in %d frames;"
                    + " pelvis %s -> %s%n", clip, m.frameCount(), vrml.cycleInterval(), worst, heightMax, lo[0], hi[0],
                    lo[1], hi[1], lo[2], hi[2], leftAhead, Arrays.toString(first[0]),
                    Arrays.toString(m.frames().get(m.frameCount() - 1)[0]));
            assertTrue(worst < 1e-6, clip + ": bone lengths vary by " + worst);
            assertTrue(first[head][1] > first[0][1] && first[0][1] > first[leftAnkle][1], clip + ": not upright in y");
            assertTrue(leftAhead > m.frameCount() / 5 && leftAhead < m.frameCount() * 4 / 5,
                    clip + ": legs do not alternate (" + leftAhead + " of " + m.frameCount() + ")");
        }
    }
}
