package dev.visionstream.app.cli;

import dev.visionstream.app.kafka.KafkaClientSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How to reach an existing Kafka cluster: bootstrap servers, plus any client setting from a file or environment. */
final class KafkaConnectionOptions {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers (overrides the file and VISION_KAFKA_BOOTSTRAP_SERVERS).")
    String bootstrapServers;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Properties file with Kafka client settings, e.g. security.protocol, sasl.*, ssl.*. "
                    + "Environment variables VISION_KAFKA_<KEY> (e.g. VISION_KAFKA_SASL_MECHANISM) override it.")
    Path kafkaConfig;

    KafkaClientSettings load() {
        if (kafkaConfig != null && !Files.isRegularFile(kafkaConfig)) {
            throw new BadInputException("--kafka-config " + kafkaConfig, "no such file");
        }
        return KafkaClientSettings.fromEnvironment(kafkaConfig, bootstrapServers);
    }
}
