package dev.visionstream.schemas;

/**
 * The model that produced a result, with where it came from (built-in default or a user-supplied file).
 *
 * @param device where it ran: {@code cpu} or {@code gpu:N}; null in events written before the field existed
 */
public record ModelInfo(String name, String version, String provenance, String device) {
    /** A model whose device is not (yet) known. */
    public ModelInfo(String name, String version, String provenance) {
        this(name, version, provenance, null);
    }

    /** The same model, run on {@code where}. */
    public ModelInfo on(String where) {
        return new ModelInfo(name, version, provenance, where);
    }
}
