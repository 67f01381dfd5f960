package dev.visionstream.app.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visionstream.app.kafka.TopicCatalog.TopicSpec;
import dev.visionstream.schemas.Topics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class TopicCatalogTest {

    @Test
    void everyTopicHasExplicitSettings() {
        List<TopicSpec> specs = TopicCatalog.specs(6);
        assertEquals(Topics.ALL, specs.stream().map(TopicSpec::name).toList());
        for (TopicSpec s : specs) {
            Map<String, String> c = s.configs();
            assertTrue(c.containsKey(TopicConfig.MAX_MESSAGE_BYTES_CONFIG), s.name());
            assertTrue(c.containsKey(TopicConfig.CLEANUP_POLICY_CONFIG), s.name());
            assertTrue(c.containsKey(TopicConfig.COMPRESSION_TYPE_CONFIG), s.name());
            assertEquals(Topics.CAMERAS.equals(s.name()) ? 1 : 6, s.partitions(), s.name());
        }
    }

    @Test
    void familiesGetTheirSettings() {
        Map<String, String> frames = TopicCatalog.spec(Topics.FRAMES, 4).configs();
        assertEquals("2097152", frames.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG));
        assertEquals("3600000", frames.get(TopicConfig.RETENTION_MS_CONFIG));
        assertEquals("producer", frames.get(TopicConfig.COMPRESSION_TYPE_CONFIG));
        assertEquals(frames, TopicCatalog.spec(Topics.FRAMES_INPAINTED, 4).configs());

        Map<String, String> counts = TopicCatalog.spec(Topics.COUNTS, 4).configs();
        assertEquals("1048576", counts.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG));
        assertEquals("604800000", counts.get(TopicConfig.RETENTION_MS_CONFIG));
        assertEquals("zstd", counts.get(TopicConfig.COMPRESSION_TYPE_CONFIG));

        assertEquals("1209600000", TopicCatalog.spec(Topics.ERRORS, 4).configs().get(TopicConfig.RETENTION_MS_CONFIG));

        Map<String, String> cameras = TopicCatalog.spec(Topics.CAMERAS, 4).configs();
        assertEquals("compact", cameras.get(TopicConfig.CLEANUP_POLICY_CONFIG));
        assertTrue(cameras.containsKey(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG));
        assertTrue(cameras.containsKey(TopicConfig.SEGMENT_MS_CONFIG));

        assertTrue(TopicCatalog.FRAME_INBAND_MAX_BYTES < TopicCatalog.FRAMES_MAX_MESSAGE_BYTES);
        assertTrue(TopicCatalog.FRAMES_MAX_MESSAGE_BYTES < EmbeddedKafkaBroker.DEFAULT_MESSAGE_MAX_BYTES);
        assertThrows(IllegalArgumentException.class, () -> TopicCatalog.spec("unknown", 1));
    }
}
