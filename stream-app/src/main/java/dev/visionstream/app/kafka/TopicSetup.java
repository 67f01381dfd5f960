package dev.visionstream.app.kafka;

import dev.visionstream.app.kafka.TopicCatalog.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the topics the service needs, leaving existing ones alone. */
public final class TopicSetup {

    private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private TopicSetup() {
    }

    /**
     * Creates every topic in {@code specs} that does not exist yet, with its partition count and configs and the
     * cluster's default replication factor. Existing topics are not changed; a partition count that differs from the
     * spec is logged as a warning (co-partitioned joins need equal counts). Safe to run concurrently from several
     * instances: a topic created by someone else in between counts as existing.
     *
     * @return the specs of the topics this call created, in input order (empty when all existed)
     */
    public static List<TopicSpec> ensure(Admin admin, List<TopicSpec> specs) {
        try {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

            List<TopicSpec> present = specs.stream().filter(s -> existing.contains(s.name())).toList();
            if (!present.isEmpty()) {
                warnOnPartitionMismatch(admin, present);
            }

            List<TopicSpec> missing = specs.stream().filter(s -> !existing.contains(s.name())).toList();
            if (missing.isEmpty()) {
                return List.of();
            }
            List<NewTopic> newTopics = missing.stream()
                    .map(s -> new NewTopic(s.name(), Optional.of(s.partitions()), Optional.empty())
                            .configs(s.configs()))
                    .toList();
            Map<String, KafkaFuture<Void>> results = admin.createTopics(newTopics).values();

            List<TopicSpec> created = new ArrayList<>();
            for (TopicSpec s : missing) {
                try {
                    results.get(s.name()).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    created.add(s);
                    LOG.info("Created topic {} ({} partitions) {}", s.name(), s.partitions(), s.configs());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TopicExistsException) {
                        LOG.info("Topic {} was created concurrently; leaving it as it is", s.name());
                    } else {
                        throw new IllegalStateException("creating topic " + s.name() + " failed: " + e.getCause(),
                                e.getCause());
                    }
                }
            }
            return List.copyOf(created);
        } catch (ExecutionException e) {
            throw new IllegalStateException("topic setup failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("topic setup timed out after " + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during topic setup", e);
        }
    }

    private static void warnOnPartitionMismatch(Admin admin, List<TopicSpec> present)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, TopicSpec> byName = new LinkedHashMap<>();
        present.forEach(s -> byName.put(s.name(), s));
        Map<String, TopicDescription> descriptions = admin.describeTopics(byName.keySet()).allTopicNames()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        for (TopicSpec s : present) {
            TopicDescription d = descriptions.get(s.name());
            int actual = d == null ? -1 : d.partitions().size();
            if (actual != s.partitions()) {
                LOG.warn("Topic {} exists with {} partitions, expected {}; left unchanged (co-partitioned "
                        + "processing needs equal counts across camera topics)", s.name(), actual, s.partitions());
            } else {
                LOG.debug("Topic {} exists with {} partitions", s.name(), actual);
            }
        }
    }
}
