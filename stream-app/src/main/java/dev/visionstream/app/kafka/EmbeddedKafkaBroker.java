package dev.visionstream.app.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker (KRaft, combined broker+controller) running inside this JVM, built from
 * Kafka's own server code ({@link KafkaRaftServer}). It is the broker of the default run ("no infrastructure"), and
 * the integration tests use it too.
 *
 * <ul>
 *   <li>Data lives in {@link Builder#dataDir(Path)} and survives restarts. The directory is formatted (a new cluster
 *       id is written to {@code meta.properties}) only when it holds no {@code meta.properties} yet.</li>
 *   <li>Listeners bind to 127.0.0.1 only. Port 0 means "pick a free port" (chosen just before start).</li>
 *   <li>One-node settings for transactions and {@code exactly_once_v2}: every internal topic has replication
 *       factor 1 and min ISR 1.</li>
 *   <li>Topics are not auto-created; create them with {@link TopicSetup#ensure}.</li>
 * </ul>
 *
 * <p>The controller quorum is static ({@code controller.quorum.voters}, kraft.version 0), so the voter endpoint is
 * taken from the configuration on each start and not from the log; that is what lets a restart use other ports.
 *
 * <p>Only one process may use a data directory at a time (Kafka locks it); a second start fails with Kafka's error.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    /** Default data directory, relative to the working directory. */
    public static final Path DEFAULT_DATA_DIR = Path.of(".vision", "kafka");
    /** Default broker-wide {@code message.max.bytes}: 8 MiB, above every topic's own {@code max.message.bytes}. */
    public static final int DEFAULT_MESSAGE_MAX_BYTES = 8 * 1024 * 1024;
    /** Node id of the single combined node. Fixed, because it is written into {@code meta.properties}. */
    public static final int NODE_ID = 1;
    public static final String CLIENT_LISTENER = "PLAINTEXT";
    public static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String HOST = "127.0.0.1";
    private static final String META_PROPERTIES = "meta.properties";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final int BIND_ATTEMPTS = 3;

    private final Path dataDir;
    private final int requestedPort;
    private final int requestedControllerPort;
    private final int messageMaxBytes;
    private final Map<String, String> extraProperties;

    private KafkaRaftServer server;
    private int port = -1;
    private int controllerPort = -1;
    private String clusterId;
    private boolean formattedOnLastStart;
    private Duration startupTime;

    private EmbeddedKafkaBroker(Builder b) {
        this.dataDir = b.dataDir.toAbsolutePath().normalize();
        this.requestedPort = b.port;
        this.requestedControllerPort = b.controllerPort;
        this.messageMaxBytes = b.messageMaxBytes;
        this.extraProperties = Map.copyOf(b.extraProperties);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Formats the data directory if needed, starts the broker and returns once a client can talk to it
     * ({@code Admin.describeCluster} answered with this node).
     *
     * @return this broker
     * @throws IllegalStateException if already started or the broker does not come up
     */
    public synchronized EmbeddedKafkaBroker start() {
        if (server != null) {
            throw new IllegalStateException("broker already started on " + bootstrapServers());
        }
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Kafka data directory " + dataDir, e);
        }
        RuntimeException last = null;
        // A port picked as "free" may be taken by someone else before Kafka binds it; retry with new ports then.
        int attempts = (requestedPort == 0 || requestedControllerPort == 0) ? BIND_ATTEMPTS : 1;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            port = requestedPort == 0 ? freePortOtherThan(requestedControllerPort) : requestedPort;
            controllerPort = requestedControllerPort == 0 ? freePortOtherThan(port) : requestedControllerPort;
            Map<String, String> props = brokerProperties();
            KafkaConfig config = KafkaConfig.fromProps(toProperties(props), false);
            formatIfNeeded(config);
            long tFormat = System.nanoTime();
            KafkaRaftServer candidate = new KafkaRaftServer(config, Time.SYSTEM);
            try {
                candidate.startup();
                LOG.debug("format check {} ms, KafkaRaftServer.startup {} ms", (tFormat - t0) / 1_000_000,
                        (System.nanoTime() - tFormat) / 1_000_000);
                server = candidate;
                break;
            } catch (RuntimeException e) {
                last = e;
                shutdownQuietly(candidate);
                LOG.warn("Kafka broker start attempt {} of {} failed: {}", attempt, attempts, e.toString());
            }
        }
        if (server == null) {
            throw new IllegalStateException("embedded Kafka broker did not start (data dir " + dataDir + ")", last);
        }
        try {
            awaitReady();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        startupTime = Duration.ofNanos(System.nanoTime() - t0);
        LOG.info("Embedded Kafka broker ready at {} in {} ms ({} storage, cluster id {}, data {})",
                bootstrapServers(), startupTime.toMillis(), formattedOnLastStart ? "newly formatted" : "existing",
                clusterId, dataDir);
        return this;
    }

    /** {@code host:port} of the client listener, for {@code bootstrap.servers}. */
    public synchronized String bootstrapServers() {
        requireStarted();
        return HOST + ":" + port;
    }

    /** Client listener port (the picked one when the builder asked for 0). */
    public synchronized int port() {
        requireStarted();
        return port;
    }

    /** Controller listener port (the picked one when the builder asked for 0). */
    public synchronized int controllerPort() {
        requireStarted();
        return controllerPort;
    }

    /** Cluster id from {@code meta.properties}; stable across restarts on the same data directory. */
    public synchronized String clusterId() {
        requireStarted();
        return clusterId;
    }

    /** Whether the last {@link #start()} formatted the data directory (a first start) rather than reusing it. */
    public synchronized boolean formattedOnLastStart() {
        return formattedOnLastStart;
    }

    /** Wall time of the last {@link #start()}, from call to a broker that answers clients. */
    public synchronized Duration startupTime() {
        return startupTime;
    }

    public Path dataDir() {
        return dataDir;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Client properties that reach this broker; add serializers etc. as needed. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return m;
    }

    /** A new Admin client for this broker; the caller closes it. */
    public Admin createAdmin() {
        return Admin.create(clientProperties());
    }

    /** Shuts the broker down and waits until it has stopped. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        long t0 = System.nanoTime();
        KafkaRaftServer s = server;
        server = null;
        s.shutdown();
        s.awaitShutdown();
        LOG.info("Embedded Kafka broker on port {} stopped in {} ms", port,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    /** The full broker configuration this instance would start with (ports resolved when started). */
    Map<String, String> brokerProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.put("listeners", CLIENT_LISTENER + "://" + HOST + ":" + port + "," + CONTROLLER_LISTENER + "://" + HOST
                + ":" + controllerPort);
        p.put("advertised.listeners", CLIENT_LISTENER + "://" + HOST + ":" + port);
        p.put("listener.security.protocol.map", CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", CLIENT_LISTENER);
        p.put("log.dirs", dataDir.toString());
        p.put("metadata.log.dir", dataDir.toString());

        // One node: every replicated thing has RF 1 / min ISR 1, or transactions (EOS v2) and groups cannot work.
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // Fewer internal partitions than the production default of 50: faster first group/transaction on a dev box.
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.num.partitions", "5");
        p.put("group.initial.rebalance.delay.ms", "0");

        // Frames travel in-band up to their topic's max.message.bytes; the broker-wide limit sits above that so that
        // Kafka Streams internal topics (which inherit it) and raised topic limits work.
        p.put("message.max.bytes", Integer.toString(messageMaxBytes));
        p.put("replica.fetch.max.bytes", Integer.toString(Math.max(messageMaxBytes, 1024 * 1024)));
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", Integer.toString(TopicCatalog.DEFAULT_PARTITIONS));
        // The log cleaner (needed for the compacted cameras topic) allocates its dedupe buffer up front; the 128 MiB
        // default is for servers, not for a broker sharing a JVM with model inference.
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        p.put("log.cleaner.threads", "1");

        p.putAll(extraProperties);
        return p;
    }

    private void formatIfNeeded(KafkaConfig config) {
        // The metadata log directory carries the cluster id; it is the data dir unless extra properties moved it.
        Path meta = Path.of(config.metadataLogDir()).resolve(META_PROPERTIES);
        if (Files.exists(meta)) {
            clusterId = readClusterId(meta);
            formattedOnLastStart = false;
            return;
        }
        String newClusterId = Uuid.randomUuid().toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(ps)
                    .setNodeId(NODE_ID)
                    .setClusterId(newClusterId)
                    .setDirectories(config.logDirs())
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("formatting Kafka storage in " + dataDir + " failed: " + out, e);
        }
        LOG.info("Formatted Kafka storage in {} (cluster id {}, metadata version {})", dataDir, newClusterId,
                MetadataVersion.LATEST_PRODUCTION);
        clusterId = newClusterId;
        formattedOnLastStart = true;
    }

    private static String readClusterId(Path meta) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(meta)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + meta, e);
        }
        String id = p.getProperty("cluster.id");
        if (id == null || id.isBlank()) {
            throw new IllegalStateException(meta + " has no cluster.id; remove the directory to start afresh");
        }
        return id;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Map<String, Object> adminProps = clientProperties();
        adminProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        try (Admin admin = Admin.create(adminProps)) {
            while (true) {
                try {
                    var nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000)).nodes()
                            .get(6, TimeUnit.SECONDS);
                    if (nodes.stream().anyMatch(n -> n.id() == NODE_ID)) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    LOG.debug("broker not ready yet: {}", e.toString());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("embedded Kafka broker on " + bootstrapServers()
                            + " did not answer within " + READY_TIMEOUT.toSeconds() + " s");
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the embedded Kafka broker", e);
        }
    }

    private static void shutdownQuietly(KafkaRaftServer s) {
        try {
            s.shutdown();
            s.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.debug("shutdown after failed start: {}", e.toString());
        }
    }

    private static Properties toProperties(Map<String, String> m) {
        Properties p = new Properties();
        p.putAll(m);
        return p;
    }

    private static int freePortOtherThan(int taken) {
        int p = freePort();
        while (p == taken) {
            p = freePort();
        }
        return p;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
        }
    }

    private void requireStarted() {
        if (server == null) {
            throw new IllegalStateException("embedded Kafka broker is not running");
        }
    }

    /** Configuration of an {@link EmbeddedKafkaBroker}. */
    public static final class Builder {
        private Path dataDir = DEFAULT_DATA_DIR;
        private int port;
        private int controllerPort;
        private int messageMaxBytes = DEFAULT_MESSAGE_MAX_BYTES;
        private final Map<String, String> extraProperties = new LinkedHashMap<>();

        private Builder() {
        }

        /** Where logs and metadata live; kept across restarts. Default {@link #DEFAULT_DATA_DIR}. */
        public Builder dataDir(Path dir) {
            this.dataDir = Objects.requireNonNull(dir, "dataDir");
            return this;
        }

        /** Client listener port on 127.0.0.1; 0 (default) picks a free port. */
        public Builder port(int port) {
            this.port = checkPort(port);
            return this;
        }

        /** Controller listener port on 127.0.0.1; 0 (default) picks a free port. */
        public Builder controllerPort(int port) {
            this.controllerPort = checkPort(port);
            return this;
        }

        /** Broker-wide {@code message.max.bytes}. Default {@link #DEFAULT_MESSAGE_MAX_BYTES}. */
        public Builder messageMaxBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("messageMaxBytes too small: " + bytes);
            }
            this.messageMaxBytes = bytes;
            return this;
        }

        /** Any broker property; applied last, so it overrides the built-in settings (use with care). */
        public Builder brokerProperty(String key, String value) {
            extraProperties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder brokerProperties(Map<String, String> props) {
            props.forEach(this::brokerProperty);
            return this;
        }

        public EmbeddedKafkaBroker build() {
            if (port != 0 && port == controllerPort) {
                throw new IllegalArgumentException("client and controller ports must differ: " + port);
            }
            return new EmbeddedKafkaBroker(this);
        }

        private static int checkPort(int p) {
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException("port out of range: " + p);
            }
            return p;
        }
    }
}
