package dev.visionstream.ingest.live;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded queue between a camera's decoding thread and its producing thread. Live sources use
 * {@link #offerDroppingOldest}: a full queue loses its oldest item, so what gets produced is always the newest
 * frames and waiting time stays bounded by the capacity. Replays use {@link #put}, which waits for room instead:
 * no frame is lost, the reader slows down.
 */
public final class FrameHandoff<T> {
    private final int capacity;
    private final ArrayDeque<T> items;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();

    public FrameHandoff(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
        }
        this.capacity = capacity;
        this.items = new ArrayDeque<>(capacity);
    }

    /** Adds {@code item}; when the queue is full the oldest item makes room and is returned, else null. */
    public T offerDroppingOldest(T item) {
        lock.lock();
        try {
            T dropped = items.size() >= capacity ? items.pollFirst() : null;
            items.addLast(item);
            notEmpty.signal();
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    /** Adds {@code item}, waiting while the queue is full. */
    public void put(T item) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (items.size() >= capacity) {
                notFull.await();
            }
            items.addLast(item);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /** The oldest item, waiting up to {@code timeout} for one; null when none came. */
    public T poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (items.isEmpty()) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            T item = items.pollFirst();
            notFull.signal();
            return item;
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }

    public int capacity() {
        return capacity;
    }
}
