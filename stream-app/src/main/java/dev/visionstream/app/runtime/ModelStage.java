package dev.visionstream.app.runtime;

import java.util.Locale;

/** The stages that run a model, each with the device setting it reads. */
public enum ModelStage {
    COUNTING("counting", "counting"),
    INPAINTING("inpainting", "inpaint"),
    POSE("pose", "pose"),
    SPLATTING("splatting", "splat");

    /** The stage's name, as camera configs and {@code --device STAGE=...} write it. */
    public final String id;
    /** Its device setting: {@code vision.<prefix>.device} / {@code VISION_<PREFIX>_DEVICE}. */
    public final String property;
    public final String environment;

    ModelStage(String id, String prefix) {
        this.id = id;
        this.property = "vision." + prefix + ".device";
        this.environment = "VISION_" + prefix.toUpperCase(Locale.ROOT) + "_DEVICE";
    }

    /** The stage named {@code id}, or null. */
    public static ModelStage byId(String id) {
        for (ModelStage s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        return null;
    }
}
