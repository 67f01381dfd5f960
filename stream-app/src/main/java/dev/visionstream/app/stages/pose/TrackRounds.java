package dev.visionstream.app.stages.pose;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a batch of keypoint records into rounds in which each track appears at most once: the n-th record of every
 * track goes into round n. A track's step needs the state its previous record left, so its records run one round
 * after another, in their order, while the records of different tracks in a round share one network pass.
 */
final class TrackRounds {
    private TrackRounds() {
    }

    /**
     * @param tracks each record's track key, null for a record that belongs to no track (it is in no round)
     * @return the rounds in order, each the record indices in arrival order
     */
    static List<List<Integer>> of(List<String> tracks) {
        Map<String, Integer> seen = new HashMap<>();
        List<List<Integer>> rounds = new ArrayList<>();
        for (int i = 0; i < tracks.size(); i++) {
            String track = tracks.get(i);
            if (track == null) {
                continue;
            }
            int round = seen.merge(track, 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(i);
        }
        return rounds;
    }
}
