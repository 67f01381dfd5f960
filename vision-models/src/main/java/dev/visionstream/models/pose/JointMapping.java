package dev.visionstream.models.pose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps a source skeleton's joints to the SMPL 24 joints: each SMPL joint is one source joint or a fixed blend of
 * source joints (a linear regressor, like SMPL's joint regressor). Profiles: SMPL names, CMU BVH names, Mixamo
 * names (any {@code prefix:} such as {@code mixamorig:} is ignored; matching is case- and punctuation-blind),
 * and MediaPipe Pose's 33 world landmarks by index. The tables are in docs/stages/pose.md.
 */
public final class JointMapping {
    /** A weighted source joint. */
    private record Term(String source, double weight) {
    }

    private final String profile;
    private final List<List<Term>> rows;

    private JointMapping(String profile, List<List<Term>> rows) {
        this.profile = profile;
        this.rows = rows;
    }

    public String profile() {
        return profile;
    }

    /** Lower-case letters and digits of the name after any {@code prefix:}. */
    public static String normalize(String name) {
        String n = name.substring(name.lastIndexOf(':') + 1);
        return n.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    public static final List<String> MEDIAPIPE_33 = List.of("nose", "left_eye_inner", "left_eye", "left_eye_outer",
            "right_eye_inner", "right_eye", "right_eye_outer", "left_ear", "right_ear", "mouth_left", "mouth_right",
            "left_shoulder", "right_shoulder", "left_elbow", "right_elbow", "left_wrist", "right_wrist", "left_pinky",
            "right_pinky", "left_index", "right_index", "left_thumb", "right_thumb", "left_hip", "right_hip",
            "left_knee", "right_knee", "left_ankle", "right_ankle", "left_heel", "right_heel", "left_foot_index",
            "right_foot_index");

    private static final Map<String, String[]> PROFILES = new LinkedHashMap<>();

    static {
        // one string per SMPL joint: "a" or "a*w+b*w" (weights of a blend), names normalised
        String[] smpl = new String[SmplSkeleton.JOINTS];
        for (int k = 0; k < SmplSkeleton.JOINTS; k++) {
            smpl[k] = normalize(SmplSkeleton.NAMES.get(k));
        }
        PROFILES.put("smpl24", smpl);
        PROFILES.put("cmu", new String[] {"hips", "leftupleg", "rightupleg", "spine", "leftleg", "rightleg",
                "spine*0.5+spine1*0.5", "leftfoot", "rightfoot", "spine1", "lefttoebase", "righttoebase", "neck1",
                "spine1*0.5+leftarm*0.5", "spine1*0.5+rightarm*0.5", "head", "leftarm", "rightarm", "leftforearm",
                "rightforearm", "lefthand", "righthand", "lfingers", "rfingers"});
        PROFILES.put("mixamo", new String[] {"hips", "leftupleg", "rightupleg", "spine", "leftleg", "rightleg",
                "spine1", "leftfoot", "rightfoot", "spine2", "lefttoebase", "righttoebase", "neck", "leftshoulder",
                "rightshoulder", "head", "leftarm", "rightarm", "leftforearm", "rightforearm", "lefthand",
                "righthand", "lefthandmiddle1", "righthandmiddle1"});
        // MediaPipe: pelvis = mid-hip, thorax T = mid-shoulder, E = mid-ear; spine joints on the pelvis-thorax line
        String pelvis = "lefthip*0.5+righthip*0.5";
        String thorax = "leftshoulder*0.5+rightshoulder*0.5";
        PROFILES.put("mediapipe33", new String[] {pelvis, "lefthip", "righthip",
                blend(pelvis, thorax, 0.25), "leftknee", "rightknee", blend(pelvis, thorax, 0.5), "leftankle",
                "rightankle", blend(pelvis, thorax, 0.65), "leftfootindex", "rightfootindex",
                "leftshoulder*0.425+rightshoulder*0.425+leftear*0.075+rightear*0.075",
                blend(blend(pelvis, thorax, 0.65), "leftshoulder", 0.5),
                blend(blend(pelvis, thorax, 0.65), "rightshoulder", 0.5), "leftear*0.5+rightear*0.5",
                "leftshoulder", "rightshoulder", "leftelbow", "rightelbow", "leftwrist", "rightwrist",
                "leftpinky*0.5+leftindex*0.5", "rightpinky*0.5+rightindex*0.5"});
    }

    /** The blend a·(1−f) + b·f of two blend expressions. */
    private static String blend(String a, String b, double f) {
        return scale(a, 1 - f) + "+" + scale(b, f);
    }

    private static String scale(String expr, double f) {
        List<String> out = new ArrayList<>();
        for (String term : expr.split("\\+")) {
            String[] p = term.split("\\*");
            out.add(p[0] + "*" + (p.length > 1 ? Double.parseDouble(p[1]) * f : f));
        }
        return String.join("+", out);
    }

    /** Profile names: smpl24, cmu, mixamo, mediapipe33. */
    public static Set<String> profiles() {
        return PROFILES.keySet();
    }

    public static JointMapping profile(String name) {
        String[] exprs = PROFILES.get(name);
        if (exprs == null) {
            throw new IllegalArgumentException("unknown joint profile " + name);
        }
        return fromExpressions(name, exprs);
    }

    /**
     * A mapping from one expression per SMPL joint, {@code "a"} or {@code "a*w+b*w"} over normalised source names
     * (weights may be negative, for an extrapolated joint); {@link SkeletonTopology} builds its mappings this way.
     */
    static JointMapping fromExpressions(String profile, String[] exprs) {
        if (exprs.length != SmplSkeleton.JOINTS) {
            throw new IllegalArgumentException(profile + ": one expression per SMPL joint expected, got "
                    + exprs.length);
        }
        List<List<Term>> rows = new ArrayList<>();
        for (String e : exprs) {
            List<Term> row = new ArrayList<>();
            for (String term : e.split("\\+")) {
                String[] p = term.split("\\*");
                row.add(new Term(p[0], p.length > 1 ? Double.parseDouble(p[1]) : 1.0));
            }
            rows.add(row);
        }
        return new JointMapping(profile, rows);
    }

    /** Every normalised name some profile knows. */
    public static Set<String> knownNames() {
        Set<String> all = new LinkedHashSet<>();
        for (String name : PROFILES.keySet()) {
            for (List<Term> row : profile(name).rows) {
                row.forEach(t -> all.add(t.source()));
            }
        }
        all.add("lhipjoint");
        all.add("rhipjoint");
        all.add("lowerback");
        all.add("leftfingerbase");
        all.add("rightfingerbase");
        all.add("lthumb");
        all.add("rthumb");
        all.add("neck");
        for (String n : MEDIAPIPE_33) {
            all.add(normalize(n));
        }
        return all;
    }

    /** The source names this mapping reads (normalised). */
    public Set<String> requiredNames() {
        Set<String> names = new LinkedHashSet<>();
        rows.forEach(r -> r.forEach(t -> names.add(t.source())));
        return names;
    }

    /**
     * The first profile (SMPL, CMU, Mixamo, MediaPipe names) whose required joints are all among {@code names}.
     *
     * @throws IllegalArgumentException naming what is missing when none fits
     */
    public static JointMapping forNames(List<String> names) {
        Set<String> present = new LinkedHashSet<>();
        names.forEach(n -> present.add(normalize(n)));
        String closest = null;
        Set<String> closestMissing = null;
        for (String name : PROFILES.keySet()) {
            JointMapping mapping = profile(name);
            Set<String> missing = new LinkedHashSet<>(mapping.requiredNames());
            missing.removeAll(present);
            if (missing.isEmpty()) {
                return mapping;
            }
            if (closestMissing == null || missing.size() < closestMissing.size()) {
                closest = name;
                closestMissing = missing;
            }
        }
        throw new IllegalArgumentException("cannot map joints to SMPL-24: closest naming " + closest + " lacks "
                + closestMissing);
    }

    /** SMPL-24 joints from source joints named {@code names} (same order as {@code joints}). */
    public double[][] apply(List<String> names, double[][] joints) {
        Map<String, double[]> byName = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            byName.putIfAbsent(normalize(names.get(i)), joints[i]);
        }
        double[][] out = new double[SmplSkeleton.JOINTS][3];
        for (int k = 0; k < SmplSkeleton.JOINTS; k++) {
            for (Term t : rows.get(k)) {
                double[] p = byName.get(t.source());
                if (p == null) {
                    throw new IllegalArgumentException("joint " + t.source() + " missing for " + profile);
                }
                for (int i = 0; i < 3; i++) {
                    out[k][i] += t.weight() * p[i];
                }
            }
        }
        return out;
    }
}
