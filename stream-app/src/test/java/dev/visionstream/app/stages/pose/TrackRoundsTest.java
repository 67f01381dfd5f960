package dev.visionstream.app.stages.pose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrackRoundsTest {
    @Test
    void theNthRecordOfEveryTrackGoesIntoRoundNAndRecordsWithoutATrackIntoNone() {
        List<String> tracks = Arrays.asList("a", "a", "b", null, "a", "c", "b");
        assertEquals(List.of(List.of(0, 2, 5), List.of(1, 6), List.of(4)), TrackRounds.of(tracks));
    }

    @Test
    void aBatchOfDifferentTracksIsOneRound() {
        assertEquals(List.of(List.of(0, 1, 2)), TrackRounds.of(List.of("a", "b", "c")));
        assertEquals(List.of(), TrackRounds.of(Arrays.asList(null, null)));
    }
}
