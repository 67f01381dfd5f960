package dev.visionstream.models;

/** A device setting asks for a GPU this process cannot use; the message says which and what to do. */
public final class DeviceUnavailableException extends IllegalArgumentException {
    public DeviceUnavailableException(String message) {
        super(message);
    }
}
