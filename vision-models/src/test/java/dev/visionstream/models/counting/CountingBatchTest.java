package dev.visionstream.models.counting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.visionstream.models.Attempt;
import dev.visionstream.schemas.Box;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Counter#countAll}: frames of one size share one backbone pass, yet each frame gets what it gets counted
 * alone, and a frame that cannot be counted (too small, boxes outside it) fails alone.
 */
class CountingBatchTest {
    @ParameterizedTest
    @ValueSource(strings = {Backbones.FILTER_BANK, Backbones.LEARNED})
    void aBatchGivesEachFrameWhatItGetsAloneAndABadFrameFailsAlone(String backbone) {
        List<CountRequest> requests = new ArrayList<>();
        for (int seed = 1; seed <= 3; seed++) {
            SyntheticScene scene = SyntheticScene.generate(seed, 320, 240, 6 + 3 * seed);
            requests.add(new CountRequest(scene.image(), scene.exemplars(), CountEstimator.values()[seed - 1]));
        }
        SyntheticScene other = SyntheticScene.generate(9, 256, 192, 10);
        requests.add(new CountRequest(other.image(), other.exemplars()));
        requests.add(new CountRequest(new BufferedImage(16, 16, BufferedImage.TYPE_3BYTE_BGR), other.exemplars()));
        requests.add(new CountRequest(requests.get(0).image(), List.of(new Box(1000, 1000, 10, 10))));
        try (CountingDino counter = new CountingDino(Backbones.open(backbone))) {
            List<Attempt<CountResult>> batch = counter.countAll(requests);
            assertEquals(requests.size(), batch.size());
            for (int i = 0; i < requests.size(); i++) {
                CountRequest r = requests.get(i);
                CountResult alone;
                try {
                    alone = counter.count(r.image(), r.exemplars(), r.estimator());
                } catch (CountingInputException e) {
                    CountingInputException failure = assertInstanceOf(CountingInputException.class,
                            assertThrows(RuntimeException.class, batch.get(i)::get), "frame " + i);
                    assertEquals(e.getMessage(), failure.getMessage());
                    assertEquals(e.subject(), failure.subject());
                    continue;
                }
                CountResult together = batch.get(i).get();
                String where = backbone + " frame " + i;
                assertEquals(alone.count(), together.count(), where);
                assertEquals(alone.densityCount(), together.densityCount(), where);
                assertEquals(alone.estimator(), together.estimator(), where);
                assertEquals(alone.peaks(), together.peaks(), where);
                assertEquals(alone.instances(), together.instances(), where);
                assertEquals(alone.verified(), together.verified(), where);
                assertEquals(alone.exemplars(), together.exemplars(), where);
                assertEquals(alone.warnings(), together.warnings(), where);
            }
            assertEquals(CountingInputException.Subject.IMAGE,
                    ((CountingInputException) batch.get(4).failure()).subject());
            assertEquals(CountingInputException.Subject.EXEMPLARS,
                    ((CountingInputException) batch.get(5).failure()).subject());
        }
    }
}
