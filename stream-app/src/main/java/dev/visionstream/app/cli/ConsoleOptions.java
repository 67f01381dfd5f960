package dev.visionstream.app.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import picocli.CommandLine.Option;

/** Where the web console listens, or that there is none. */
final class ConsoleOptions {
    static final int DEFAULT_PORT = 8686;

    @Option(names = "--ui-port", defaultValue = "" + DEFAULT_PORT, paramLabel = "PORT",
            description = "Port of the read-only web console; 0 = any free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--ui-bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address the console listens on; only this machine by default (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--no-ui", description = "Serve no web console.")
    boolean disabled;

    void check() {
        if (port < 0 || port > 65_535) {
            throw new BadInputException("--ui-port " + port, "must be 0 to 65535");
        }
        if (bind == null || bind.isBlank()) {
            throw new BadInputException("--ui-bind", "must name an address");
        }
        if (!disabled && port != 0) {
            // before anything starts: a clash found after the service is up would stop it again
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(bind))) {
                probe.setReuseAddress(true);
            } catch (IOException e) {
                throw new BadInputException("--ui-port " + port, "cannot listen on " + bind + ":" + port + " ("
                        + e.getMessage() + "); another instance on this host needs its own --ui-port, or --no-ui",
                        e);
            }
        }
    }
}
