package dev.visionstream.app.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visionstream.app.kafka.TopicCatalog.TopicSpec;
import dev.visionstream.schemas.Topics;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One embedded broker for the whole class (the restart test replaces it with the restarted one, so the order of the
 * tests does not matter).
 */
class EmbeddedKafkaBrokerTest {

    @TempDir
    static Path tmp;
    static Path dataDir;
    static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        dataDir = tmp.resolve("kafka");
        broker = EmbeddedKafkaBroker.builder().dataDir(dataDir).build().start();
        System.out.printf("[timing] embedded broker first start (format + start): %d ms%n",
                broker.startupTime().toMillis());
        assertTrue(broker.formattedOnLastStart());
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void catalogTopicsAreCreatedWithTheirSettingsAndSurviveARestart() throws Exception {
        List<TopicSpec> specs = TopicCatalog.specs();
        try (Admin admin = broker.createAdmin()) {
            List<TopicSpec> created = TopicSetup.ensure(admin, specs);
            assertEquals(specs, created);
            assertEquals(List.of(), TopicSetup.ensure(admin, specs), "second ensure creates nothing");
            assertTopicsMatch(admin, specs);
        }

        String value = "{\"id\":\"e-1\",\"count\":42}";
        try (KafkaProducer<String, String> producer = stringProducer(Map.of())) {
            producer.send(new ProducerRecord<>(Topics.COUNTS, "cam-1", value)).get(30, TimeUnit.SECONDS);
        }

        String clusterId = broker.clusterId();
        int oldPort = broker.port();
        assertTrue(Files.exists(dataDir.resolve("meta.properties")));

        long t0 = System.nanoTime();
        broker.close();
        long closeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertFalse(broker.isRunning());

        int fixedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            fixedPort = s.getLocalPort();
        }
        // restart on a fixed client port (and a new controller port): the static quorum takes ports from config
        broker = EmbeddedKafkaBroker.builder().dataDir(dataDir).port(fixedPort).build().start();
        assertEquals(fixedPort, broker.port());
        assertEquals("127.0.0.1:" + fixedPort, broker.bootstrapServers());
        System.out.printf("[timing] embedded broker close: %d ms, restart on existing data: %d ms%n", closeMs,
                broker.startupTime().toMillis());
        assertFalse(broker.formattedOnLastStart(), "existing storage must not be formatted again");
        assertEquals(clusterId, broker.clusterId());
        System.out.printf("[info] client port before restart %d, after %d%n", oldPort, broker.port());

        try (Admin admin = broker.createAdmin()) {
            assertEquals(List.of(), TopicSetup.ensure(admin, specs), "topics survived the restart");
            assertTopicsMatch(admin, specs);
        }
        List<ConsumerRecord<String, String>> records = readAll(Topics.COUNTS, "read_uncommitted", 1);
        assertEquals(1, records.size());
        assertEquals("cam-1", records.get(0).key());
        assertEquals(value, records.get(0).value());
    }

    @Test
    void transactionalCommitIsSeenByReadCommittedConsumerAndAbortIsNot() throws Exception {
        String topic = "eos-check";
        try (Admin admin = broker.createAdmin()) {
            TopicSetup.ensure(admin, List.of(new TopicSpec(topic, 1, Map.of())));
        }
        Map<String, Object> tx = Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "eos-check-tx",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, String> producer = stringProducer(tx)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "cam-1", "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "cam-1", "committed"));
            producer.commitTransaction();
        }
        List<String> committed = readAll(topic, "read_committed", 1).stream().map(ConsumerRecord::value)
                .collect(Collectors.toList());
        assertEquals(List.of("committed"), committed);
        List<String> uncommitted = readAll(topic, "read_uncommitted", 2).stream().map(ConsumerRecord::value)
                .collect(Collectors.toList());
        assertEquals(List.of("aborted", "committed"), uncommitted);
    }

    @Test
    void frameTopicAcceptsAFrameAtTheInbandLimitAndRejectsOneAboveTheTopicLimit() throws Exception {
        String topic = "frames-limit-check";
        try (Admin admin = broker.createAdmin()) {
            TopicSetup.ensure(admin,
                    List.of(new TopicSpec(topic, 1, TopicCatalog.spec(Topics.FRAMES, 1).configs())));
        }
        Map<String, Object> p = new HashMap<>(broker.clientProperties());
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * TopicCatalog.FRAMES_MAX_MESSAGE_BYTES);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
            ProducerRecord<String, byte[]> ok = new ProducerRecord<>(topic, "cam-1",
                    new byte[TopicCatalog.FRAME_INBAND_MAX_BYTES]);
            ok.headers().add("content-type", "image/jpeg".getBytes(StandardCharsets.UTF_8));
            ok.headers().add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
                    .getBytes(StandardCharsets.UTF_8));
            RecordMetadata md = producer.send(ok).get(30, TimeUnit.SECONDS);
            assertEquals(0, md.offset());

            ProducerRecord<String, byte[]> tooBig = new ProducerRecord<>(topic, "cam-1",
                    new byte[TopicCatalog.FRAMES_MAX_MESSAGE_BYTES + 1]);
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> producer.send(tooBig).get(30, TimeUnit.SECONDS));
            assertInstanceOf(RecordTooLargeException.class, e.getCause());
        }
        Map<String, Object> c = consumerProps("read_uncommitted");
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c)) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int got = 0;
            while (got == 0 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    assertEquals(TopicCatalog.FRAME_INBAND_MAX_BYTES, r.value().length);
                    got++;
                }
            }
            assertEquals(1, got);
        }
    }

    @Test
    void ensureLeavesAnExistingTopicWithOtherPartitionCountAlone() throws Exception {
        String topic = "partition-mismatch";
        try (Admin admin = broker.createAdmin()) {
            assertEquals(1, TopicSetup.ensure(admin, List.of(new TopicSpec(topic, 1, Map.of()))).size());
            assertEquals(List.of(), TopicSetup.ensure(admin, List.of(new TopicSpec(topic, 3, Map.of()))));
            TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topic);
            assertEquals(1, d.partitions().size());
        }
    }

    private static void assertTopicsMatch(Admin admin, List<TopicSpec> specs) throws Exception {
        List<ConfigResource> resources = specs.stream()
                .map(s -> new ConfigResource(ConfigResource.Type.TOPIC, s.name())).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
        Map<String, TopicDescription> descriptions = admin
                .describeTopics(specs.stream().map(TopicSpec::name).toList()).allTopicNames()
                .get(30, TimeUnit.SECONDS);
        for (TopicSpec s : specs) {
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, s.name()));
            for (Map.Entry<String, String> e : s.configs().entrySet()) {
                assertEquals(e.getValue(), config.get(e.getKey()).value(), s.name() + " " + e.getKey());
            }
            assertEquals(s.partitions(), descriptions.get(s.name()).partitions().size(), s.name() + " partitions");
        }
        Config frames = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, Topics.FRAMES));
        assertEquals(Integer.toString(TopicCatalog.FRAMES_MAX_MESSAGE_BYTES),
                frames.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value());
        assertEquals("3600000", frames.get(TopicConfig.RETENTION_MS_CONFIG).value());
        Config counts = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, Topics.COUNTS));
        assertEquals("1048576", counts.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value());
        assertEquals(Long.toString(Duration.ofDays(7).toMillis()), counts.get(TopicConfig.RETENTION_MS_CONFIG).value());
        assertEquals("zstd", counts.get(TopicConfig.COMPRESSION_TYPE_CONFIG).value());
        Config cameras = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, Topics.CAMERAS));
        assertEquals("compact", cameras.get(TopicConfig.CLEANUP_POLICY_CONFIG).value());
    }

    private static KafkaProducer<String, String> stringProducer(Map<String, Object> extra) {
        Map<String, Object> p = new HashMap<>(broker.clientProperties());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.putAll(extra);
        return new KafkaProducer<>(p);
    }

    private static Map<String, Object> consumerProps(String isolation) {
        Map<String, Object> c = new HashMap<>(broker.clientProperties());
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return c;
    }

    /** Reads every partition of {@code topic} from the beginning until {@code expected} records arrived. */
    private static List<ConsumerRecord<String, String>> readAll(String topic, String isolation, int expected) {
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps(isolation))) {
            List<TopicPartition> tps = consumer.partitionsFor(topic).stream()
                    .map(pi -> new TopicPartition(topic, pi.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            // one more short poll, so an unexpected extra record would show up
            consumer.poll(Duration.ofMillis(200)).forEach(out::add);
        }
        return out;
    }
}
