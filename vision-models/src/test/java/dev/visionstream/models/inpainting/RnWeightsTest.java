package dev.visionstream.models.inpainting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RnWeightsTest {
    private static byte[] saved(RnGenerator generator) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RnWeights.write(generator, out);
        return out.toByteArray();
    }

    private static byte[] archive(Map<String, NpzArchive.Tensor> tensors) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NpzArchive.write(tensors, out);
        return out.toByteArray();
    }

    private static Map<String, NpzArchive.Tensor> tensorsOf(byte[] npz) throws IOException {
        return new LinkedHashMap<>(NpzArchive.read(new ByteArrayInputStream(npz)));
    }

    @Test
    void writeThenReadRoundTripsEveryTensorAndTheWidth() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            RnGenerator original = new RnGenerator(2);
            original.initialize(manager, DataType.FLOAT32);
            RnWeights weights = RnWeights.read(new ByteArrayInputStream(saved(original)), "memory");
            assertEquals(2, weights.width());
            RnGenerator copy = weights.newGenerator(manager);
            original.officialParameters().forEach((k, p) -> assertArrayEquals(p.getArray().toFloatArray(),
                    copy.officialParameters().get(k).getArray().toFloatArray(), 0f, k));
        }
    }

    @Test
    void theVariantMarkersSurviveTheRoundTrip() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            RnGenerator original = new RnGenerator(2, RnGenerator.Head.RESIDUAL, RnGenerator.Normalization.INSTANCE,
                    RnGenerator.Resolution.HALF);
            original.initialize(manager, DataType.FLOAT32);
            RnGenerator copy = RnWeights.read(new ByteArrayInputStream(saved(original)), "memory")
                    .newGenerator(manager);
            assertEquals(RnGenerator.Head.RESIDUAL, copy.head());
            assertEquals(RnGenerator.Normalization.INSTANCE, copy.normalization());
            assertEquals(RnGenerator.Resolution.HALF, copy.resolution());
        }
    }

    @Test
    void stripsDataParallelAndGeneratorPrefixes() {
        assertEquals("decoder.9.bias", RnWeights.canonicalKey("module.decoder.9.bias"));
        assertEquals("decoder.9.bias", RnWeights.canonicalKey("generator.module.decoder.9.bias"));
        assertEquals("decoder.9.bias", RnWeights.canonicalKey("decoder.9.bias"));
    }

    @Test
    void failsLoudlyOnMissingUnexpectedOrMisshapedTensors() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            RnGenerator generator = new RnGenerator(2);
            generator.initialize(manager, DataType.FLOAT32);
            Map<String, NpzArchive.Tensor> good = tensorsOf(saved(generator));

            Map<String, NpzArchive.Tensor> missing = new LinkedHashMap<>(good);
            missing.remove("middle.3.conv_block.6.sa.beta_conv.bias");
            var e1 = assertThrows(RnWeightsException.class, () -> RnWeights.read(
                    new ByteArrayInputStream(archive(missing)), "m").loadInto(new RnGenerator(2)));
            assertTrue(e1.getMessage().contains("missing middle.3.conv_block.6.sa.beta_conv.bias"), e1.getMessage());

            Map<String, NpzArchive.Tensor> extra = new LinkedHashMap<>(good);
            extra.put("discriminator.conv1.0.weight_orig", new NpzArchive.Tensor(new long[] {1}, new float[] {1}));
            var e2 = assertThrows(RnWeightsException.class, () -> RnWeights.read(
                    new ByteArrayInputStream(archive(extra)), "x").newGenerator(manager));
            assertTrue(e2.getMessage().contains("unexpected discriminator.conv1.0.weight_orig"), e2.getMessage());

            // weights of width 2 into a width-4 generator: every conv is misshaped, nothing is loaded
            RnGenerator wider = new RnGenerator(4);
            wider.initialize(manager, DataType.FLOAT32);
            float[] before = wider.officialParameters().get("decoder.9.bias").getArray().toFloatArray();
            var e3 = assertThrows(RnWeightsException.class, () -> RnWeights.read(
                    new ByteArrayInputStream(archive(good)), "w").loadInto(wider));
            assertTrue(e3.getMessage().contains("shape of encoder_conv1.weight is [2, 3, 7, 7]"), e3.getMessage());
            assertArrayEquals(before, wider.officialParameters().get("decoder.9.bias").getArray().toFloatArray());

            assertThrows(RnWeightsException.class, () -> RnWeights.read(
                    new ByteArrayInputStream("not a zip".getBytes()), "garbage"));
        }
    }
}
