package dev.visionstream.app.cli;

import dev.visionstream.app.runtime.ModelStage;
import dev.visionstream.app.runtime.StageSettings;
import dev.visionstream.models.pose.BvhImport;
import dev.visionstream.models.pose.ClipReplay;
import dev.visionstream.models.pose.MotionFiles;
import dev.visionstream.models.pose.PoseTracker;
import dev.visionstream.models.pose.SkeletonMotion;
import dev.visionstream.schemas.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vision pose}: replays a BVH clip through the pose solvers (the same tracker the stream stage runs). */
@Command(name = "pose", mixinStandardHelpOptions = true,
        description = {"Learnable SMPLify pose IK: replay a BVH clip (joints mapped to SMPL-24 by name, resampled to "
                + "30 fps) as one track, every --gap-th frame; print root-aligned MPJPE against the clip's joints and "
                + "time per frame and refined frames of each method, and their speed ratio. learned is the stage's "
                + "default path: the network, then Levenberg–Marquardt refinement where its residual is high; "
                + "--no-refine gives the network alone.",
                "The first frame is always an iterative solve from rest, as for a new track in the stream stage."},
        subcommands = PoseTrainCommand.class)
final class PoseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DeviceOption device;

    @Option(names = {"--bvh", "--motion"}, paramLabel = "FILE", description = "Motion capture: BVH (any skeleton, "
            + "mapped by topology), 3ds Max ASCII export (.ase) or VRML (.wrl, .wrl.gz).")
    Path bvh;

    @Option(names = "--gap", defaultValue = "1", description = "Frame gap at 30 fps between solved frames (default: "
            + "${DEFAULT-VALUE}).")
    int gap;

    @Option(names = "--method", defaultValue = "learned", description = "learned, iterative or both (default: "
            + "${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--from", defaultValue = "0", description = "Start at this fraction of the clip, e.g. 0.8 for the "
            + "held-out tail (default: ${DEFAULT-VALUE}).")
    double from;

    @Option(names = "--to", defaultValue = "1", description = "End at this fraction of the clip (default: "
            + "${DEFAULT-VALUE}).")
    double to;

    @Option(names = "--every-offset", description = "Replay once from every start offset 0..gap-1, so that every "
            + "frame is a target once (a short clip at a large gap otherwise gives few frames).")
    boolean everyOffset;

    @Option(names = "--refine-margin", paramLabel = "MM", description = "Refine a learned pose whose mean residual "
            + "exceeds the track's reachable residual by more than this (default: the stage's).")
    Double refineMargin;

    @Option(names = "--max-frames", defaultValue = "0", description = "Solve at most this many frames; 0 = all "
            + "(default: ${DEFAULT-VALUE}).")
    int maxFrames;

    @Option(names = "--no-refine", description = "Measure the learned solver alone: no Levenberg–Marquardt "
            + "refinement of learned poses (the stage's default refines one whose mean residual exceeds the track's "
            + "last fitted residual by 5 mm, or 15 mm).")
    boolean noRefine;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (bvh == null) {
            spec.commandLine().usage(System.out);
            return 0;
        }
        checkOptions();
        SkeletonMotion motion = InputFiles.read("--bvh", bvh, MotionFiles::read);
        requireFinite(motion);
        List<double[][]> joints;
        try {
            joints = BvhImport.joints(motion, 30);
        } catch (IllegalArgumentException e) {
            // a skeleton that cannot be mapped to SMPL-24
            throw new BadInputException("--bvh " + bvh, e.getMessage(), e);
        }
        joints = joints.subList((int) (from * joints.size()), (int) (to * joints.size()));
        if (maxFrames > 0 && joints.size() > (long) maxFrames * gap) {
            joints = joints.subList(0, maxFrames * gap);
        }
        if (joints.size() < 2) {
            throw new BadInputException("--bvh " + bvh, joints.size() + " frame(s) at 30 fps between --from " + from
                    + " and --to " + to + "; need two or more");
        }
        List<ClipReplay.Result> results = new ArrayList<>();
        PoseTracker.Settings settings = noRefine ? PoseTracker.Settings.withoutRefinement()
                : PoseTracker.Settings.defaults();
        if (refineMargin != null && !noRefine) {
            settings = settings.withMargin(refineMargin);
        }
        try (PoseTracker tracker = PoseTracker.open(settings, StageSettings.fromProcess().poseWeights(),
                device.resolve(ModelStage.POSE))) {
            for (PoseTracker.Method m : PoseTracker.Method.values()) {
                if (method.equals("both") || method.equals(m.name().toLowerCase(Locale.ROOT))) {
                    results.add(everyOffset ? ClipReplay.runEveryOffset(tracker, joints, 30, gap, m)
                            : ClipReplay.run(tracker, joints, 30, gap, m));
                }
            }
        }
        Double ratio = results.size() == 2 ? results.get(1).msPerFrame() / results.get(0).msPerFrame() : null;
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("clip", bvh.getFileName().toString());
            out.put("frames", results.get(0).frames());
            out.put("gap", gap);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (ClipReplay.Result r : results) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("method", r.method());
                row.put("mpjpeMm", r.mpjpeMm());
                row.put("msPerFrame", r.msPerFrame());
                row.put("refinedFrames", r.refinedFrames());
                rows.add(row);
            }
            out.put("results", rows);
            out.put("speedRatio", ratio);
            System.out.println(Json.MAPPER.writeValueAsString(out));
        } else {
            System.out.printf(Locale.ROOT, "%s: %d frames after the first, gap %d (30 fps)%n",
                    bvh.getFileName(), results.get(0).frames(), gap);
            for (ClipReplay.Result r : results) {
                System.out.printf(Locale.ROOT, "  %-9s MPJPE %6.2f mm  %8.3f ms/frame  %d refined frames%n",
                        r.method(), r.mpjpeMm(), r.msPerFrame(), r.refinedFrames());
            }
            if (ratio != null) {
                System.out.printf(Locale.ROOT, "  speed ratio (iterative / learned): %.0fx%n", ratio);
            }
        }
        return 0;
    }

    private void checkOptions() {
        if (gap < 1) {
            throw new BadInputException("--gap " + gap, "must be 1 or more");
        }
        if (!List.of("learned", "iterative", "both").contains(method)) {
            throw new BadInputException("--method " + method, "must be learned, iterative or both");
        }
        if (from < 0 || from >= to || to > 1) {
            throw new BadInputException("--from " + from + " --to " + to, "need 0 <= --from < --to <= 1");
        }
        if (refineMargin != null && !(refineMargin >= 0)) {
            throw new BadInputException("--refine-margin " + refineMargin, "must be 0 or more");
        }
        if (maxFrames < 0) {
            throw new BadInputException("--max-frames " + maxFrames, "must be 0 (all) or more");
        }
    }

    /** Java reads "NaN" and "Infinity" as numbers; as joint positions they would silently poison every error. */
    private void requireFinite(SkeletonMotion motion) {
        for (int f = 0; f < motion.frames().size(); f++) {
            for (double[] joint : motion.frames().get(f)) {
                for (double v : joint) {
                    if (!Double.isFinite(v)) {
                        throw new BadInputException("--bvh " + bvh, "motion data holds " + v + " in frame " + f);
                    }
                }
            }
        }
    }
}
