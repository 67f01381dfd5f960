package dev.visionstream.models;

/**
 * One item's share of a batched call: its value, or the exception that item alone caused, so that one bad item of a
 * batch does not fail the others.
 *
 * @param <T> what the call makes of one item
 */
public record Attempt<T>(T value, RuntimeException failure) {
    public static <T> Attempt<T> of(T value) {
        return new Attempt<>(value, null);
    }

    public static <T> Attempt<T> failed(RuntimeException failure) {
        return new Attempt<>(null, failure);
    }

    /** The value; throws the item's own exception when it failed. */
    public T get() {
        if (failure != null) {
            throw failure;
        }
        return value;
    }
}
