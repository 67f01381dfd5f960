package dev.visionstream.models.inpainting;

import java.util.Locale;

/** The selectable inpainting methods: the RN generator, OpenCV's two classical algorithms and their blend. */
public enum InpaintMethod {
    /** Region-normalisation generator (learned). */
    RN("rn"),
    /** OpenCV {@code INPAINT_TELEA}: fast marching (Telea 2004). */
    TELEA("telea"),
    /** OpenCV {@code INPAINT_NS}: Navier-Stokes based (Bertalmio et al. 2001). */
    NS("ns"),
    /** Telea, Navier-Stokes and a diffusion fill mixed per pixel by distance to the hole border. */
    BLEND("blend");

    private final String id;

    InpaintMethod(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static InpaintMethod parse(String text) {
        if (text == null || text.isBlank()) {
            return RN;
        }
        for (InpaintMethod m : values()) {
            if (m.id.equals(text.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown inpainting method '" + text + "' (rn, blend, telea or ns)");
    }
}
