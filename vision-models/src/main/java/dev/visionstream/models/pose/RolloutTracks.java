package dev.visionstream.models.pose;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Training tracks that run the way the stage runs a person: each starts at an exact pose of a clip, then every
 * training step moves it one gap (from {@link PosePairs#GAPS}, in a direction fixed per track) and takes the
 * network's own solution of the previous step as its init, so the network learns from the errors it makes when
 * chained. A track keeps its gap, as a stream keeps its frame rate, so that long runs at gap 1 (where errors have the
 * most steps to pile up) are seen as well as runs at gap 9. A track restarts when it reaches the end of its clip or
 * after {@code maxAge} steps, so that both fresh and long-drifted inits stay in the mix.
 */
final class RolloutTracks {
    private static final class Track {
        MotionClip clip;
        int frame;
        int direction;
        int gap;
        int age;
        int pending;
        BodyPose pose;
    }

    private final List<Track> tracks = new ArrayList<>();
    private final int maxAge;

    RolloutTracks(int count, int maxAge) {
        for (int i = 0; i < count; i++) {
            tracks.add(new Track());
        }
        this.maxAge = maxAge;
    }

    int size() {
        return tracks.size();
    }

    /** One pair per track: its current pose as the init, the frame one gap ahead as the target. */
    List<PosePairs.Pair> next(List<MotionClip> clips, Random random) {
        List<PosePairs.Pair> pairs = new ArrayList<>(tracks.size());
        for (Track track : tracks) {
            if (track.pose == null || track.age >= maxAge
                    || !inside(track, track.frame + track.direction * track.gap)) {
                restart(track, clips, random);
            }
            track.pending = track.frame + track.direction * track.gap;
            pairs.add(new PosePairs.Pair(track.clip.shape(), track.pose, track.clip.joints().get(track.pending),
                    track.clip.poses().get(track.pending)));
        }
        return pairs;
    }

    /** The network's solutions of the pairs {@link #next} gave, in the same order: each track moves on. */
    void advance(List<BodyPose> solved) {
        for (int i = 0; i < tracks.size(); i++) {
            Track track = tracks.get(i);
            track.pose = solved.get(i);
            track.frame = track.pending;
            track.age++;
        }
    }

    private static void restart(Track track, List<MotionClip> clips, Random random) {
        int gap = PosePairs.GAPS[random.nextInt(PosePairs.GAPS.length)];
        while (true) {
            MotionClip clip = clips.get(random.nextInt(clips.size()));
            if (clip.frames() <= gap) {
                continue;
            }
            track.clip = clip;
            track.direction = random.nextInt(4) == 0 ? -1 : 1;
            track.frame = track.direction > 0 ? random.nextInt(clip.frames() - gap)
                    : gap + random.nextInt(clip.frames() - gap);
            track.pose = clip.poses().get(track.frame);
            track.gap = gap;
            track.age = 0;
            return;
        }
    }

    private static boolean inside(Track track, int frame) {
        return frame >= 0 && frame < track.clip.frames();
    }
}
