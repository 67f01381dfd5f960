package dev.visionstream.models.counting.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import dev.visionstream.models.counting.CountEstimator;
import dev.visionstream.models.counting.CountingDino;
import dev.visionstream.models.counting.ExemplarMapping;
import dev.visionstream.models.counting.LearnedBackbone;
import dev.visionstream.models.counting.SimilarityMaps;
import dev.visionstream.models.counting.SyntheticScene;
import dev.visionstream.models.counting.TileGrid;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

class PipelineCountTest {
    private static final TileGrid TILING = new TileGrid(1);

    private static NDArray count(SequentialBlock network, NDManager manager, SyntheticScene scene, boolean training) {
        NDArray tiles = BackboneTrainer.tiles(manager, scene.image(), TILING);
        NDArray features = network.forward(new ParameterStore(manager, false), LearnedBackbone.input(tiles), training)
                .singletonOrThrow();
        int grid = LearnedBackbone.GRID * TILING.tilesPerSide();
        return PipelineCount.densityCount(TILING.stitch(features, 1).get(0), ExemplarMapping.map(scene.exemplars(),
                scene.image().getWidth(), scene.image().getHeight(), grid).cells());
    }

    @Test
    void theTrainingGraphCountsAsTheStageDoes() {
        SyntheticScene scene = SyntheticScene.generate(5, 320, 240, 12);
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            SequentialBlock network = LearnedBackbone.network();
            network.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 120, 120));
            double graph = count(network, manager, scene, false).getFloat();
            try (LearnedBackbone backbone = LearnedBackbone.fromBytes(LearnedBackbone.save(network), "test");
                 CountingDino stage = new CountingDino(backbone, TILING)) {
                double counted = 0;
                for (int call = 0; call < 3; call++) {
                    // garbage collections between calls: at 24 channels oneDNN's AVX-512 convolution read garbage
                    System.gc();
                    counted = stage.count(scene.image(), scene.exemplars(), CountEstimator.DENSITY).densityCount();
                }
                // FFT rounding moves a few cells across the threshold tau: 0.3 % here, so the bound is 1 %
                assertEquals(counted, graph, 0.01 * counted, "direct and FFT correlation agree");
            }
        }
    }

    @Test
    void theMatrixResizeIsTheStagesBilinearResize() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray map = manager.randomUniform(0f, 1f, new Shape(23, 31));
            float[] stage = SimilarityMaps.resize(map, 29, 37).toFloatArray();
            float[] graph = PipelineCount.resize(map, 29, 37).toFloatArray();
            Assertions.assertArrayEquals(stage, graph, 1e-5f);
        }
    }

    @Test
    void theCountLossReachesTheFirstLayer() {
        SyntheticScene scene = SyntheticScene.generate(6, 320, 240, 12);
        SequentialBlock network = LearnedBackbone.network();
        try (Model model = Model.newInstance("test")) {
            model.setBlock(network);
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l1Loss()))) {
                trainer.initialize(new Shape(1, 3, 120, 120));
                try (NDManager step = trainer.getManager().newSubManager();
                     GradientCollector collector = trainer.newGradientCollector()) {
                    NDArray tiles = BackboneTrainer.tiles(step, scene.image(), TILING);
                    NDArray features = trainer.forward(LearnedBackbone.input(tiles)).singletonOrThrow();
                    int grid = LearnedBackbone.GRID * TILING.tilesPerSide();
                    collector.backward(PipelineCount.densityCount(TILING.stitch(features, 1).get(0),
                            ExemplarMapping.map(scene.exemplars(), 320, 240, grid).cells()));
                }
                NDArray gradient = network.getParameters().get(0).getValue().getArray().getGradient();
                assertTrue(gradient.abs().sum().getFloat() > 0, "the first convolution gets a gradient");
            }
        }
    }
}
