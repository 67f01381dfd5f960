package dev.visionstream.models.pose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every naming family writes the same body and motion ({@link CanonicalBody}) with its own names, nesting, extra
 * zero-length and helper joints, units and up axis; mapped by topology, each must give the same SMPL-24 targets.
 */
class SkeletonTopologyTest {
    private static final double INCH = 1 / 0.0254;
    private static final double CM = 100;
    private static final double TOLERANCE_M = 0.001;

    static final BvhFamily CMU = BvhFamily.of("CMU BVH", INCH, false, "Left/Right", "L/R",
            "Hips @ pelvis", "~HipJoint < Hips @ pelvis", "#UpLeg < ~HipJoint @ ^Hip", "#Leg < #UpLeg @ ^Knee",
            "#Foot < #Leg @ ^Ankle", "#ToeBase < #Foot @ ^Toe", "End < #ToeBase @ ^ToeTip",
            "LowerBack < Hips @ pelvis", "Spine < LowerBack @ s1", "Spine1 < Spine @ hub", "Neck < Spine1 @ hub",
            "Neck1 < Neck @ neck", "Head < Neck1 @ head", "End < Head @ headTop", "#Shoulder < Spine1 @ hub",
            "#Arm < #Shoulder @ ^Shoulder", "#ForeArm < #Arm @ ^Elbow", "#Hand < #ForeArm @ ^Wrist",
            "#FingerBase < #Hand @ ^Wrist", "~Fingers < #FingerBase @ ^Hand", "End < ~Fingers @ ^FingerTip",
            "~Thumb < #Hand @ ^Wrist", "End < ~Thumb @ ^ThumbTip");

    static final List<BvhFamily> FAMILIES = List.of(CMU,
            BvhFamily.of("CMU ASF names", 1, false, "-/-", "l/r",
                    "root @ pelvis", "~hipjoint < root @ pelvis", "~femur < ~hipjoint @ ^Hip",
                    "~tibia < ~femur @ ^Knee", "~foot < ~tibia @ ^Ankle", "~toes < ~foot @ ^Toe",
                    "End < ~toes @ ^ToeTip", "lowerback < root @ pelvis", "upperback < lowerback @ s1",
                    "thorax < upperback @ hub", "lowerneck < thorax @ hub", "upperneck < lowerneck @ neck",
                    "head < upperneck @ head", "End < head @ headTop", "~clavicle < thorax @ hub",
                    "~humerus < ~clavicle @ ^Shoulder", "~radius < ~humerus @ ^Elbow", "~wrist < ~radius @ ^Wrist",
                    "~hand < ~wrist @ ^Wrist", "~fingers < ~hand @ ^Hand", "End < ~fingers @ ^FingerTip",
                    "~thumb < ~wrist @ ^Wrist", "End < ~thumb @ ^ThumbTip"),
            BvhFamily.of("Mixamo", CM, false, "Left/Right", "-/-",
                    "mixamorig:Hips @ pelvis", "mixamorig:#UpLeg < mixamorig:Hips @ ^Hip",
                    "mixamorig:#Leg < mixamorig:#UpLeg @ ^Knee", "mixamorig:#Foot < mixamorig:#Leg @ ^Ankle",
                    "mixamorig:#ToeBase < mixamorig:#Foot @ ^Toe",
                    "mixamorig:#Toe_End < mixamorig:#ToeBase @ ^ToeTip", "End < mixamorig:#Toe_End @ ^ToeTip",
                    "mixamorig:Spine < mixamorig:Hips @ s1", "mixamorig:Spine1 < mixamorig:Spine @ s2",
                    "mixamorig:Spine2 < mixamorig:Spine1 @ hub", "mixamorig:Neck < mixamorig:Spine2 @ neck",
                    "mixamorig:Head < mixamorig:Neck @ head", "mixamorig:HeadTop_End < mixamorig:Head @ headTop",
                    "End < mixamorig:HeadTop_End @ headTop", "mixamorig:#Shoulder < mixamorig:Spine2 @ ^Collar",
                    "mixamorig:#Arm < mixamorig:#Shoulder @ ^Shoulder",
                    "mixamorig:#ForeArm < mixamorig:#Arm @ ^Elbow", "mixamorig:#Hand < mixamorig:#ForeArm @ ^Wrist",
                    "mixamorig:#HandThumb1 < mixamorig:#Hand @ ^Thumb", "End < mixamorig:#HandThumb1 @ ^ThumbTip",
                    "mixamorig:#HandMiddle1 < mixamorig:#Hand @ ^Hand",
                    "mixamorig:#HandMiddle2 < mixamorig:#HandMiddle1 @ ^FingerTip",
                    "End < mixamorig:#HandMiddle2 @ ^FingerTip"),
            BvhFamily.of("MotionBuilder HumanIK", CM, false, "Left/Right", "-/-",
                    "Hips @ pelvis", "#UpLeg < Hips @ ^Hip", "#UpLegRoll < #UpLeg @ ^Hip|^Knee",
                    "#Leg < #UpLeg @ ^Knee", "#Foot < #Leg @ ^Ankle", "#ToeBase < #Foot @ ^Toe",
                    "End < #ToeBase @ ^ToeTip", "Spine < Hips @ s1", "Spine1 < Spine @ s2a", "Spine2 < Spine1 @ s3a",
                    "Spine3 < Spine2 @ hub", "Neck < Spine3 @ neck", "Head < Neck @ head", "End < Head @ headTop",
                    "#Shoulder < Spine3 @ ^Collar", "#Arm < #Shoulder @ ^Shoulder",
                    "#ArmRoll < #Arm @ ^Shoulder|^Elbow",
                    "#ForeArm < #Arm @ ^Elbow", "#ForeArmRoll < #ForeArm @ ^Elbow|^Wrist",
                    "#Hand < #ForeArmRoll @ ^Wrist", "End < #Hand @ ^Hand"),
            BvhFamily.of("Ab/Chest/Collar", INCH, false, "Left/Right", "-/-",
                    "Hips @ pelvis", "#Hip < Hips @ ^Hip", "#Knee < #Hip @ ^Knee", "#Ankle < #Knee @ ^Ankle",
                    "#Toes < #Ankle @ ^Toe", "End < #Toes @ ^ToeTip", "Ab < Hips @ s1", "Chest < Ab @ hub",
                    "Neck < Chest @ neck", "Head < Neck @ head", "End < Head @ headTop", "#Collar < Chest @ ^Collar",
                    "#Shoulder < #Collar @ ^Shoulder", "#Elbow < #Shoulder @ ^Elbow", "#Wrist < #Elbow @ ^Wrist",
                    "End < #Wrist @ ^Hand"),
            // Biovision has no toe joint: its foot's end site stands for the toe (here at the toe's point)
            BvhFamily.of("Biovision", CM, false, "Left/Right", "-/-",
                    "Hips @ pelvis", "#UpLeg < Hips @ ^Hip", "#LowLeg < #UpLeg @ ^Knee", "#Foot < #LowLeg @ ^Ankle",
                    "End < #Foot @ ^Toe", "Chest < Hips @ hub", "Neck < Chest @ neck", "Head < Neck @ head",
                    "End < Head @ headTop", "#Collar < Chest @ ^Collar", "#UpArm < #Collar @ ^Shoulder",
                    "#LowArm < #UpArm @ ^Elbow", "#Hand < #LowArm @ ^Wrist", "End < #Hand @ ^Hand"),
            BvhFamily.of("Poser/DAZ", INCH, false, "-/-", "l/r",
                    "hip @ pelvis", "~Thigh < hip @ ^Hip", "~Shin < ~Thigh @ ^Knee", "~Foot < ~Shin @ ^Ankle",
                    "~Toe < ~Foot @ ^Toe", "End < ~Toe @ ^ToeTip", "abdomen < hip @ s1", "chest < abdomen @ hub",
                    "neck < chest @ neck", "head < neck @ head", "End < head @ headTop", "~Collar < chest @ ^Collar",
                    "~Shldr < ~Collar @ ^Shoulder", "~ForeArm < ~Shldr @ ^Elbow", "~Hand < ~ForeArm @ ^Wrist",
                    "~Thumb1 < ~Hand @ ^Thumb", "End < ~Thumb1 @ ^ThumbTip", "~Mid1 < ~Hand @ ^Hand",
                    "End < ~Mid1 @ ^FingerTip"),
            // Biped: Z up, the clavicles hang from the neck (the hub), so the SMPL neck is half way to the head
            BvhFamily.of("3ds Max Biped", CM, true, "-/-", "L/R",
                    "Bip01 @ pelvis", "Bip01 Footsteps < Bip01 @ floor", "Bip01 Pelvis < Bip01 @ pelvis",
                    "Bip01 ~ Thigh < Bip01 Pelvis @ ^Hip", "Bip01 ~ Calf < Bip01 ~ Thigh @ ^Knee",
                    "Bip01 ~ Foot < Bip01 ~ Calf @ ^Ankle", "Bip01 ~ Toe0 < Bip01 ~ Foot @ ^Toe",
                    "Bip01 ~ Toe0Nub < Bip01 ~ Toe0 @ ^ToeTip", "End < Bip01 ~ Toe0Nub @ ^ToeTip",
                    "Bip01 Spine < Bip01 Pelvis @ s1", "Bip01 Spine1 < Bip01 Spine @ s2",
                    "Bip01 Neck < Bip01 Spine1 @ hub", "Bip01 Head < Bip01 Neck @ head",
                    "Bip01 HeadNub < Bip01 Head @ headTop", "End < Bip01 HeadNub @ headTop",
                    "Bip01 ~ Clavicle < Bip01 Neck @ ^Collar", "Bip01 ~ UpperArm < Bip01 ~ Clavicle @ ^Shoulder",
                    "Bip01 ~ Forearm < Bip01 ~ UpperArm @ ^Elbow", "Bip01 ~ Hand < Bip01 ~ Forearm @ ^Wrist",
                    "Bip01 ~ Finger0 < Bip01 ~ Hand @ ^Thumb", "Bip01 ~ Finger0Nub < Bip01 ~ Finger0 @ ^ThumbTip",
                    "End < Bip01 ~ Finger0Nub @ ^ThumbTip", "Bip01 ~ Finger2 < Bip01 ~ Hand @ ^Hand",
                    "Bip01 ~ Finger2Nub < Bip01 ~ Finger2 @ ^FingerTip", "End < Bip01 ~ Finger2Nub @ ^FingerTip"),
            BvhFamily.of("3ds Max Biped, German", INCH, true, "-/-", "L/R",
                    "Bip01 @ pelvis", "Bip01 Schritte < Bip01 @ floor", "Bip01 Becken < Bip01 @ pelvis",
                    "Bip01 ~ Oberschenkel < Bip01 Becken @ ^Hip",
                    "Bip01 ~ Unterschenkel < Bip01 ~ Oberschenkel @ ^Knee",
                    "Bip01 ~ Fuß < Bip01 ~ Unterschenkel @ ^Ankle", "Bip01 ~ Zeh0 < Bip01 ~ Fuß @ ^Toe",
                    "Bip01 ~ Zeh0Nub < Bip01 ~ Zeh0 @ ^ToeTip", "End < Bip01 ~ Zeh0Nub @ ^ToeTip",
                    "Bip01 Wirbelsäule < Bip01 Becken @ s1", "Bip01 Wirbelsäule1 < Bip01 Wirbelsäule @ s2",
                    "Bip01 Hals < Bip01 Wirbelsäule1 @ hub", "Bip01 Kopf < Bip01 Hals @ head",
                    "Bip01 KopfNub < Bip01 Kopf @ headTop", "End < Bip01 KopfNub @ headTop",
                    "Bip01 ~ Schlüsselbein < Bip01 Hals @ ^Collar",
                    "Bip01 ~ Oberarm < Bip01 ~ Schlüsselbein @ ^Shoulder",
                    "Bip01 ~ Unterarm < Bip01 ~ Oberarm @ ^Elbow", "Bip01 ~ Hand < Bip01 ~ Unterarm @ ^Wrist",
                    "Bip01 ~ Finger0 < Bip01 ~ Hand @ ^Thumb", "Bip01 ~ Finger0Nub < Bip01 ~ Finger0 @ ^ThumbTip",
                    "End < Bip01 ~ Finger0Nub @ ^ThumbTip", "Bip01 ~ Finger2 < Bip01 ~ Hand @ ^Hand",
                    "Bip01 ~ Finger2Nub < Bip01 ~ Finger2 @ ^FingerTip", "End < Bip01 ~ Finger2Nub @ ^FingerTip"),
            BvhFamily.of("Unreal", CM, true, "-/-", "l/r",
                    "root @ floor", "pelvis < root @ pelvis", "thigh_~ < pelvis @ ^Hip",
                    "thigh_twist_01_~ < thigh_~ @ ^Hip|^Knee", "calf_~ < thigh_~ @ ^Knee",
                    "calf_twist_01_~ < calf_~ @ ^Knee|^Ankle", "foot_~ < calf_~ @ ^Ankle", "ball_~ < foot_~ @ ^Toe",
                    "spine_01 < pelvis @ s1", "spine_02 < spine_01 @ s2", "spine_03 < spine_02 @ hub",
                    "neck_01 < spine_03 @ neck", "head < neck_01 @ head", "clavicle_~ < spine_03 @ ^Collar",
                    "upperarm_~ < clavicle_~ @ ^Shoulder", "upperarm_twist_01_~ < upperarm_~ @ ^Shoulder|^Elbow",
                    "lowerarm_~ < upperarm_~ @ ^Elbow", "lowerarm_twist_01_~ < lowerarm_~ @ ^Elbow|^Wrist",
                    "hand_~ < lowerarm_~ @ ^Wrist", "thumb_01_~ < hand_~ @ ^Thumb",
                    "thumb_02_~ < thumb_01_~ @ ^ThumbTip",
                    "middle_01_~ < hand_~ @ ^Hand", "middle_02_~ < middle_01_~ @ ^FingerTip"));

    private static final CanonicalBody BODY = new CanonicalBody(5, 11);

    private static List<double[][]> imported(BvhFamily family, boolean rightFirst, UnaryOperator<String> rename) {
        BvhClip clip = BvhClip.parse(family.bvh(BODY, rightFirst, rename));
        return BvhImport.joints(clip.motion(family.name()), 30);
    }

    /** The largest distance from the canonical targets, and the SMPL joint where it is. */
    private static void assertCanonical(String family, List<double[][]> joints) {
        assertCanonical(family, joints, 0);
    }

    /** {@code joints} are the canonical frames from {@code first} on. */
    private static void assertCanonical(String family, List<double[][]> joints, int first) {
        assertEquals(BODY.frames() - first, joints.size(), family);
        for (int f = 0; f < joints.size(); f++) {
            double[][] expected = BODY.smpl(first + f);
            for (int k = 0; k < SmplSkeleton.JOINTS; k++) {
                double error = Rotations.norm(Rotations.sub(joints.get(f)[k], expected[k]));
                assertTrue(error < TOLERANCE_M, family + ": " + SmplSkeleton.NAMES.get(k) + " frame " + (first + f)
                        + " off by " + Math.round(error * 1000) + " mm");
            }
        }
    }

    @Test
    void everyNamingFamilyGivesTheSameSmplTargets() {
        for (BvhFamily family : FAMILIES) {
            assertCanonical(family.name(), imported(family, false, UnaryOperator.identity()));
        }
    }

    /**
     * Names j0, j1, ... (right side written first); a family with end-named joints (Mixamo's HeadTop_End) would lose
     * them.
     */
    @Test
    void jointsWithoutSideNamesMapByGeometry() {
        for (BvhFamily family : List.of(CMU, FAMILIES.get(4))) {
            Map<String, String> anonymous = new HashMap<>();
            UnaryOperator<String> rename = n -> anonymous.computeIfAbsent(n, k -> "j" + anonymous.size());
            assertCanonical(family.name() + " as j0, j1, ...", imported(family, true, rename));
        }
    }

    /** A clip that opens bowed 70° forward: the up axis comes from the whole clip, not from its first frame. */
    @Test
    void aClipOpeningBentOverKeepsItsUpAxis() {
        SkeletonMotion upright = BvhClip.parse(CMU.bvh(BODY, false, UnaryOperator.identity())).motion("cmu");
        double[] bow = Rotations.fromAxisAngle(new double[] {Math.toRadians(70), 0, 0});
        List<double[][]> frames = new ArrayList<>(upright.frames());
        double[] root = frames.get(0)[0];
        double[][] bent = frames.get(0).clone();
        for (int k = 0; k < bent.length; k++) {
            double[] bowed = Rotations.apply(bow, Rotations.sub(bent[k], root));
            bent[k] = new double[] {root[0] + bowed[0], root[1] + bowed[1], root[2] + bowed[2]};
        }
        frames.set(0, bent);
        List<double[][]> joints = BvhImport.joints(new SkeletonMotion("bowing", upright.names(), upright.parents(),
                frames, upright.fps()), 30);
        assertCanonical("CMU BVH from frame 1", joints.subList(1, joints.size()), 1);
    }

    @Test
    void findsCollarsByBoneLengthsNotNames() {
        // Ab/Chest: "LeftShoulder" is the upper arm; Mixamo: "LeftShoulder" is the collar
        BvhClip abChest = BvhClip.parse(FAMILIES.get(4).bvh(BODY, false, UnaryOperator.identity()));
        String found = SkeletonTopology.of(abChest.motion("ab")).toString();
        assertTrue(found.contains("arms L [LeftCollar, LeftShoulder, LeftElbow, LeftWrist, LeftWrist_end]"), found);
        BvhClip mixamo = BvhClip.parse(FAMILIES.get(2).bvh(BODY, false, UnaryOperator.identity()));
        found = SkeletonTopology.of(mixamo.motion("mixamo")).toString();
        assertTrue(found.contains("arms L [mixamorig:LeftShoulder, mixamorig:LeftArm"), found);
    }

    @Test
    void aSnakeFailsNamingWhatItFoundAndWhatIsMissing() {
        List<String> names = new ArrayList<>();
        int[] parents = new int[10];
        double[][] positions = new double[10][];
        for (int i = 0; i < 10; i++) {
            names.add("j" + i);
            parents[i] = i - 1;
            positions[i] = new double[] {0.1 * i, 0, 0};
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SkeletonTopology.of(names, parents, positions));
        assertTrue(e.getMessage().contains("found root j0 with 1 chain") && e.getMessage().contains("missing: legs"),
                e.getMessage());
        assertTrue(e.getMessage().contains("arms"), e.getMessage());
    }

    @Test
    void aBodyWithoutArmsFailsNamingItsLegsAndSpine() {
        List<String> lines = CMU.lines().stream().filter(l -> !l.contains("^Shoulder") && !l.contains("^Elbow")
                && !l.contains("^Wrist") && !l.contains("^Hand") && !l.contains("#Shoulder") && !l.contains("~Fingers")
                && !l.contains("~Thumb")).toList();
        BvhFamily armless = new BvhFamily("armless", INCH, false, CMU.longSide(), CMU.shortSide(), lines);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SkeletonTopology.of(BvhClip.parse(armless.bvh(BODY, false, UnaryOperator.identity()))
                        .motion("armless")));
        assertTrue(e.getMessage().contains("found root Hips with 3 chains: legs 2"), e.getMessage());
        assertTrue(e.getMessage().contains("missing: arms"), e.getMessage());
    }

    @Test
    void cmu0101MapsAsTheCmuNameTable() throws Exception {
        Path file = Path.of(System.getProperty("vision.assets", "target/assets"),
                "x/assimp-testmodels/usr/share/assimp/models/BVH/01_01.bvh");
        Assumptions.assumeTrue(Files.isRegularFile(file), "01_01.bvh not fetched: " + file);
        SkeletonMotion motion = BvhClip.read(file).motion("01_01");
        JointMapping topology = SkeletonTopology.of(motion).mapping();
        JointMapping table = JointMapping.profile("cmu");
        double worst = 0;
        for (int f = 0; f < motion.frameCount(); f += 25) {
            double[][] a = topology.apply(motion.names(), motion.frames().get(f));
            double[][] b = table.apply(motion.names(), motion.frames().get(f));
            for (int k = 0; k < SmplSkeleton.JOINTS; k++) {
                worst = Math.max(worst, Rotations.norm(Rotations.sub(a[k], b[k])));
            }
        }
        assertTrue(worst < 1e-9, "topology vs CMU table on 01_01: " + worst + " file units; "
                + SkeletonTopology.of(motion));
    }
}
