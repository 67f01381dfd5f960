package dev.visionstream.app.console;

import dev.visionstream.ingest.ArtifactStore;
import java.nio.file.Path;
import java.util.Map;

/**
 * The read-only web console of one service instance: a feed from the cluster into bounded memory, and the HTTP
 * server that shows it. Started by {@code vision run} and {@code vision demo} unless {@code --no-ui}.
 */
public final class VisionConsole implements AutoCloseable {
    private final ConsoleState state = new ConsoleState();
    private final ConsoleFeed feed;
    private final KafkaFrameLookup frames;
    private final ConsoleServer server;
    private final String host;

    private VisionConsole(Map<String, Object> client, String applicationId, ArtifactStore artifacts, Path assets,
                          String bind, int port) {
        this.feed = new ConsoleFeed(client, applicationId, state);
        this.frames = new KafkaFrameLookup(client, artifacts);
        try {
            this.server = new ConsoleServer(state, frames, artifacts, assets, bind, port);
        } catch (RuntimeException e) {
            frames.close();
            closeQuietly(feed);
            throw e;
        }
        this.host = bind.contains(":") ? "[" + bind + "]" : bind.equals("0.0.0.0") ? "localhost" : bind;
    }

    /**
     * @param client        Kafka client settings of the service
     * @param applicationId the service's application id (its committed offsets give the consumer lag)
     * @param artifacts     the artifact store that events refer to
     * @param assets        the test-asset folder with the pinned npm viewer libraries
     * @param bind          the address to listen on
     * @param port          the port; 0 picks a free one
     */
    public static VisionConsole start(Map<String, Object> client, String applicationId, ArtifactStore artifacts,
                                      Path assets, String bind, int port) {
        return new VisionConsole(client, applicationId, artifacts, assets, bind, port);
    }

    public String url() {
        return "http://" + host + ":" + server.port() + "/";
    }

    public int port() {
        return server.port();
    }

    public ConsoleState state() {
        return state;
    }

    public ConsoleServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
        frames.close();
        closeQuietly(feed);
    }

    private static void closeQuietly(ConsoleFeed feed) {
        try {
            feed.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
