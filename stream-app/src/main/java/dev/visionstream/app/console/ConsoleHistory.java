package dev.visionstream.app.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The console's bounded memory of events: the newest {@code perKey} events of each kind for each camera, rig or
 * track (so one busy camera cannot push out a quiet one's history), at most {@code maxKeys} keys per kind. Ids
 * increase, so a browser that reconnects asks for what followed the last id it saw.
 */
public final class ConsoleHistory {
    private final int perKey;
    private final int maxKeys;
    private final Map<String, Map<String, Deque<ConsoleEvent>>> byKind = new LinkedHashMap<>();
    private final List<Consumer<ConsoleEvent.SseMessage>> listeners = new CopyOnWriteArrayList<>();
    private long lastId;

    public ConsoleHistory(int perKey, int maxKeys) {
        if (perKey < 1 || maxKeys < 1) {
            throw new IllegalArgumentException("history bounds must be positive");
        }
        this.perKey = perKey;
        this.maxKeys = maxKeys;
    }

    /** Keeps the event under a new id and hands every listener its SSE message (written once), in id order. */
    public ConsoleEvent append(String kind, String key, JsonNode event, Map<String, Object> links) {
        ConsoleEvent added;
        synchronized (this) {
            added = new ConsoleEvent(++lastId, kind, key, Instant.now(), event, links);
            Map<String, Deque<ConsoleEvent>> keys = byKind.computeIfAbsent(kind, k -> new LinkedHashMap<>());
            String slot = key == null ? "" : key;
            Deque<ConsoleEvent> events = keys.remove(slot);
            if (events == null) {
                events = new ArrayDeque<>();
                if (keys.size() >= maxKeys) {
                    // the key that has been quiet longest goes (insertion order is last-update order)
                    keys.remove(keys.keySet().iterator().next());
                }
            }
            keys.put(slot, events);
            events.addLast(added);
            if (events.size() > perKey) {
                events.removeFirst();
            }
            if (!listeners.isEmpty()) {
                ConsoleEvent.SseMessage message = added.sseMessage();
                for (Consumer<ConsoleEvent.SseMessage> listener : listeners) {
                    listener.accept(message);
                }
            }
        }
        return added;
    }

    /** Every retained event with an id above {@code afterId}, in id order. */
    public synchronized List<ConsoleEvent> since(long afterId) {
        List<ConsoleEvent> out = new ArrayList<>();
        for (Map<String, Deque<ConsoleEvent>> keys : byKind.values()) {
            for (Deque<ConsoleEvent> events : keys.values()) {
                for (ConsoleEvent e : events) {
                    if (e.id() > afterId) {
                        out.add(e);
                    }
                }
            }
        }
        out.sort(Comparator.comparingLong(ConsoleEvent::id));
        return out;
    }

    /**
     * Replays the SSE messages of what followed {@code afterId} to {@code listener} and then keeps it informed, with
     * no gap and no repeat between the two (both happen under the history's lock).
     */
    public synchronized void replayAndFollow(long afterId, Consumer<ConsoleEvent.SseMessage> listener) {
        since(afterId).forEach(e -> listener.accept(e.sseMessage()));
        listeners.add(listener);
    }

    public void unfollow(Consumer<ConsoleEvent.SseMessage> listener) {
        listeners.remove(listener);
    }

    public synchronized long lastId() {
        return lastId;
    }

    /** The newest retained event of {@code kind} for {@code key}, if any. */
    public synchronized ConsoleEvent latest(String kind, String key) {
        Map<String, Deque<ConsoleEvent>> keys = byKind.get(kind);
        Deque<ConsoleEvent> events = keys == null ? null : keys.get(key == null ? "" : key);
        return events == null || events.isEmpty() ? null : events.getLast();
    }
}
