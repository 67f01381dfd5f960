package dev.visionstream.models.inpainting;

/** An image or mask the inpainting methods cannot work with (wrong size, nothing left to see, unreadable). */
public final class InpaintInputException extends RuntimeException {
    public InpaintInputException(String message) {
        super(message);
    }

    public InpaintInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
