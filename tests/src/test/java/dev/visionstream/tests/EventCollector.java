package dev.visionstream.tests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visionstream.schemas.Json;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Collects the events an {@code EventTap} delivers, per topic, for assertions. */
final class EventCollector {
    record Received(String topic, String key, JsonNode json) {
    }

    private final List<Received> events = new CopyOnWriteArrayList<>();

    void onEvent(String topic, String key, String json, long receivedAtMs) {
        try {
            events.add(new Received(topic, key, Json.MAPPER.readTree(json)));
        } catch (Exception e) {
            throw new AssertionError("not JSON on " + topic + ": " + json, e);
        }
    }

    List<JsonNode> on(String topic) {
        return events.stream().filter(e -> e.topic().equals(topic)).map(Received::json).toList();
    }

    /** Waits until {@code done} holds or {@code timeout} passes; returns whether it holds. */
    boolean awaitQuietly(Predicate<EventCollector> done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(this) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return done.test(this);
    }

    /** Waits until {@code done} holds; fails with what arrived so far when it does not within {@code timeout}. */
    void await(Predicate<EventCollector> done, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(this)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; received " + events.size() + " events");
            }
            Thread.sleep(50);
        }
    }
}
