package dev.visionstream.app.console;

/**
 * Whether and where the web console listens.
 *
 * @param enabled false for {@code --no-ui}
 * @param bind    the address ({@code 127.0.0.1} by default: this machine only)
 * @param port    the port; 0 picks a free one
 */
public record ConsoleSettings(boolean enabled, String bind, int port) {
    public static final ConsoleSettings NONE = new ConsoleSettings(false, "127.0.0.1", 0);
}
