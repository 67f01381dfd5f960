package dev.visionstream.models.pose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class KeypointInputTest {
    private static List<List<Double>> rows(int n) {
        List<List<Double>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(List.of((double) i, 2.0 * i, 0.0));
        }
        return rows;
    }

    @Test
    void refusesNonFiniteCoordinatesWrongCountsAndUnknownNames() {
        List<List<Double>> nan = rows(24);
        nan.set(3, Arrays.asList(0.0, Double.NaN, 0.0));
        assertThrows(BadPoseInputException.class, () -> KeypointInput.toSmpl24("smpl24", null, nan));
        List<List<Double>> inf = rows(24);
        inf.set(0, List.of(Double.POSITIVE_INFINITY, 0.0, 0.0));
        assertThrows(BadPoseInputException.class, () -> KeypointInput.toSmpl24("smpl24", null, inf));
        assertThrows(BadPoseInputException.class, () -> KeypointInput.toSmpl24("smpl24", null, rows(23)));
        assertThrows(BadPoseInputException.class, () -> KeypointInput.toSmpl24("mediapipe33", null, rows(24)));
        BadPoseInputException e = assertThrows(BadPoseInputException.class,
                () -> KeypointInput.toSmpl24("named", List.of("Hips", "Tail"), rows(2)));
        assertTrue(e.getMessage().contains("[Tail]"), e.getMessage());
    }

    @Test
    void mediapipeMidHipIsThePelvisAndHandsAreBetweenIndexAndPinky() throws Exception {
        double[][] smpl = KeypointInput.toSmpl24("mediapipe33", null, rows(33));
        // pelvis = mid(23, 24) = (23.5, 47, 0); L_Hand = mid(17 left_pinky, 19 left_index) = (18, 36, 0)
        assertArrayEquals(new double[] {23.5, 47, 0}, smpl[0], 1e-12);
        assertArrayEquals(new double[] {18, 36, 0}, smpl[22], 1e-12);
        assertArrayEquals(new double[] {25, 50, 0}, smpl[4], 1e-12); // L_Knee = left_knee (25)
    }

    @Test
    void namedJointsMapByCmuAndMixamoNames() throws Exception {
        List<String> mixamo = List.of("mixamorig:Hips", "mixamorig:LeftUpLeg", "mixamorig:RightUpLeg",
                "mixamorig:Spine", "mixamorig:LeftLeg", "mixamorig:RightLeg", "mixamorig:Spine1",
                "mixamorig:LeftFoot", "mixamorig:RightFoot", "mixamorig:Spine2", "mixamorig:LeftToeBase",
                "mixamorig:RightToeBase", "mixamorig:Neck", "mixamorig:LeftShoulder", "mixamorig:RightShoulder",
                "mixamorig:Head", "mixamorig:LeftArm", "mixamorig:RightArm", "mixamorig:LeftForeArm",
                "mixamorig:RightForeArm", "mixamorig:LeftHand", "mixamorig:RightHand", "mixamorig:LeftHandMiddle1",
                "mixamorig:RightHandMiddle1");
        double[][] smpl = KeypointInput.toSmpl24("named", mixamo, rows(24));
        for (int k = 0; k < 24; k++) {
            assertArrayEquals(new double[] {k, 2.0 * k, 0}, smpl[k], 1e-12, SmplSkeleton.NAMES.get(k));
        }
        assertTrue(JointMapping.forNames(mixamo).profile().equals("mixamo"));
    }

    @Test
    void cmuClipMapsWithRigidBonesAndAHumanHeight() throws Exception {
        Path file = Path.of(System.getProperty("vision.assets", "target/assets"),
                "x/assimp-testmodels/usr/share/assimp/models/BVH/01_01.bvh");
        Assumptions.assumeTrue(Files.isRegularFile(file), "01_01.bvh not fetched");
        BvhClip clip = BvhClip.read(file);
        assertTrue(JointMapping.forNames(clip.jointNames()).profile().equals("cmu"));
        List<double[][]> joints = BvhImport.joints(clip, 30);
        assertTrue(joints.size() == 688, "2752 frames at 120 fps -> 688 at 30 fps, got " + joints.size());
        BodyShape shape = MocapFit.estimateShape(joints, 5);
        double worst = 0;
        for (double[][] j : joints) {
            worst = Math.max(worst, BodyShapeEstimator.maxBoneChange(shape, j, 0.03));
        }
        assertTrue(worst < 0.01, "CMU bones should stay rigid after mapping, changed by " + worst);
        double height = joints.get(0)[15][1] - Math.min(joints.get(0)[10][1], joints.get(0)[11][1]);
        assertTrue(height > 1.2 && height < 1.8, "foot-to-head-joint height " + height);
    }
}
