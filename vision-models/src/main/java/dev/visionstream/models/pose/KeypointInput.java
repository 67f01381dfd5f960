package dev.visionstream.models.pose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns incoming keypoints into SMPL-24 target joints: {@code smpl24} (24 joints in SMPL order), {@code mediapipe33}
 * (MediaPipe Pose world landmarks in their index order) or {@code named} (joints with names: SMPL, CMU or Mixamo
 * naming). Refuses non-finite coordinates, wrong counts and unknown names.
 */
public final class KeypointInput {
    private KeypointInput() {
    }

    public static double[][] toSmpl24(String format, List<String> names, List<List<Double>> joints)
            throws BadPoseInputException {
        if (joints == null || joints.isEmpty()) {
            throw new BadPoseInputException("no joints");
        }
        double[][] xyz = new double[joints.size()][];
        for (int i = 0; i < joints.size(); i++) {
            List<Double> p = joints.get(i);
            if (p == null || p.size() != 3) {
                throw new BadPoseInputException("joint " + i + " is not an [x, y, z] triple");
            }
            xyz[i] = new double[3];
            for (int a = 0; a < 3; a++) {
                Double v = p.get(a);
                if (v == null || !Double.isFinite(v)) {
                    throw new BadPoseInputException("joint " + i + " has a non-finite coordinate");
                }
                xyz[i][a] = v;
            }
        }
        String f = format == null ? "" : format.toLowerCase(Locale.ROOT);
        switch (f) {
            case "smpl24" -> {
                requireCount(xyz, SmplSkeleton.JOINTS, f);
                return xyz;
            }
            case "mediapipe33" -> {
                requireCount(xyz, JointMapping.MEDIAPIPE_33.size(), f);
                return JointMapping.profile("mediapipe33").apply(JointMapping.MEDIAPIPE_33, xyz);
            }
            case "named" -> {
                if (names == null || names.size() != xyz.length) {
                    throw new BadPoseInputException("format named needs one name per joint ("
                            + (names == null ? 0 : names.size()) + " names for " + xyz.length + " joints)");
                }
                Set<String> known = JointMapping.knownNames();
                List<String> unknown = new ArrayList<>();
                for (String n : names) {
                    if (n == null || !known.contains(JointMapping.normalize(n))) {
                        unknown.add(String.valueOf(n));
                    }
                }
                if (!unknown.isEmpty()) {
                    throw new BadPoseInputException("unknown joint names " + unknown);
                }
                try {
                    return JointMapping.forNames(names).apply(names, xyz);
                } catch (IllegalArgumentException e) {
                    throw new BadPoseInputException(e.getMessage());
                }
            }
            default -> throw new BadPoseInputException("unknown keypoint format '" + format
                    + "' (smpl24, mediapipe33 or named)");
        }
    }

    private static void requireCount(double[][] xyz, int expected, String format) throws BadPoseInputException {
        if (xyz.length != expected) {
            throw new BadPoseInputException(format + " needs " + expected + " joints, got " + xyz.length);
        }
    }
}
