package dev.visionstream.models.inpainting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RnGeneratorTest {
    @Test
    void publishedWidthHasTheOfficialParameterCountKeysAndShapes() {
        RnGenerator generator = new RnGenerator(RnGenerator.PUBLISHED_WIDTH);
        assertEquals(11_596_591L, generator.parameterCount());
        Map<String, Parameter> named = generator.officialParameters();
        assertEquals(new Shape(64, 3, 7, 7), named.get("encoder_conv1.weight").getShape());
        assertEquals(new Shape(64), named.get("encoder_in1.foreground_gamma").getShape());
        assertEquals(new Shape(128, 64, 4, 4), named.get("encoder_conv2.weight").getShape());
        assertEquals(new Shape(256, 128, 4, 4), named.get("encoder_conv3.weight").getShape());
        assertEquals(new Shape(256, 256, 3, 3), named.get("middle.7.conv_block.5.weight").getShape());
        assertEquals(new Shape(1, 2, 7, 7), named.get("middle.0.conv_block.2.sa.conv1.weight").getShape());
        assertEquals(new Shape(1), named.get("middle.3.conv_block.6.sa.beta_conv.bias").getShape());
        assertEquals(new Shape(512, 256, 3, 3), named.get("decoder.0.weight").getShape());
        assertEquals(new Shape(1, 1, 7, 7), named.get("decoder.2.sa.gamma_conv.weight").getShape());
        assertEquals(new Shape(256, 128, 3, 3), named.get("decoder.4.weight").getShape());
        assertEquals(new Shape(3, 64, 7, 7), named.get("decoder.9.weight").getShape());
        // 2 + 4 + 2 + 4 + 2 + 4 (encoder) + 8 blocks x (2 + 5 + 2 + 5) + 2 + 5 + 2 + 5 + 2 (decoder)
        assertEquals(18 + 8 * 14 + 16, named.size());
    }

    @Test
    void producesAnImageOfTheInputSizeInTheOpenUnitInterval() {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(7);
            RnGenerator generator = new RnGenerator(4);
            generator.initialize(manager, DataType.FLOAT32);
            var image = manager.randomUniform(0f, 1f, new Shape(2, 3, 16, 20));
            var mask = manager.zeros(new Shape(2, 1, 16, 20));
            mask.set(new NDIndex(":, :, 4:10, 6:14"), 1f);
            var out = generator.forward(new ParameterStore(manager, false), new NDList(image, mask), false)
                    .singletonOrThrow();
            assertEquals(new Shape(2, 3, 16, 20), out.getShape());
            assertTrue(out.min().getFloat() > 0f && out.max().getFloat() < 1f);
            assertThrows(IllegalArgumentException.class, () -> generator.forward(new ParameterStore(manager, false),
                    new NDList(manager.zeros(new Shape(1, 3, 18, 20)), manager.zeros(new Shape(1, 1, 18, 20))),
                    false));
        }
    }

    @Test
    void aHalfResolutionResidualGeneratorStartsAsItsPreFillAndNeedsSidesOfEight() {
        try (NDManager manager = NDManager.newBaseManager()) {
            RnGenerator generator = new RnGenerator(2, RnGenerator.Head.RESIDUAL, RnGenerator.Normalization.REGION,
                    RnGenerator.Resolution.HALF);
            generator.initialize(manager, DataType.FLOAT32);
            generator.zeroOutputLayer();
            var image = manager.randomUniform(0f, 1f, new Shape(1, 3, 32, 40));
            var mask = manager.zeros(new Shape(1, 1, 32, 40));
            mask.set(new NDIndex(":, :, 3:19, 5:23"), 1f);
            var out = generator.forward(new ParameterStore(manager, false), new NDList(image, mask), false)
                    .singletonOrThrow();
            assertTrue(out.eq(image).all().getBoolean());
            assertThrows(IllegalArgumentException.class, () -> generator.forward(new ParameterStore(manager, false),
                    new NDList(manager.zeros(new Shape(1, 3, 28, 40)), manager.zeros(new Shape(1, 1, 28, 40))),
                    false));
        }
        assertThrows(IllegalArgumentException.class, () -> new RnGenerator(2, RnGenerator.Head.ABSOLUTE,
                RnGenerator.Normalization.REGION, RnGenerator.Resolution.HALF));
    }
}
