package dev.visionstream.app.cli;

import ai.djl.Device;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.visionstream.app.runtime.ModelStage;
import dev.visionstream.models.splatting.GaussianPlyWriter;
import dev.visionstream.models.splatting.GaussianRasterizer;
import dev.visionstream.models.splatting.RenderCamera;
import dev.visionstream.models.splatting.SceneArtifacts;
import dev.visionstream.models.splatting.SplatPipeline;
import dev.visionstream.models.splatting.SplatPredictor;
import dev.visionstream.models.splatting.SplatResult;
import dev.visionstream.models.splatting.SplatView;
import dev.visionstream.models.splatting.StereoSplatPredictor;
import dev.visionstream.models.splatting.ViewCamera;
import dev.visionstream.models.splatting.YonoSplatNetwork;
import dev.visionstream.schemas.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vision splat}: views to a 3D Gaussian scene (.ply), with optional renders. */
@Command(name = "splat", mixinStandardHelpOptions = true,
        description = {"Build a 3D Gaussian scene from two or more views and write a standard 3DGS .ply.",
            "Default predictor: calibrated stereo (needs --cameras with K and camToWorld for every view). "
                    + "With --model, a user-exported YoNoSplat network (TorchScript .pt or ONNX .onnx) that "
                    + "can also estimate poses and focal lengths.",
            "The .ply is in the normalised frame: view 0 at the origin, the largest camera distance 1."})
final class SplatCommand implements Callable<Integer> {
    @Mixin
    DeviceOption device;

    @Option(names = "--views", required = true, split = ",", paramLabel = "IMAGE",
            description = "Input pictures, comma separated, in view order.")
    List<Path> views;

    @Option(names = "--cameras", paramLabel = "JSON",
            description = "List of {\"K\", \"camToWorld\"[, \"distortion\"]}, one per view (OpenCV conventions).")
    Path cameras;

    @Option(names = "--model", paramLabel = "PATH", description = "An exported YoNoSplat network instead of stereo.")
    Path model;

    @Option(names = "--model-size", defaultValue = "224x224", paramLabel = "HxW",
            description = "Network input size (default: ${DEFAULT-VALUE}).")
    String modelSize;

    @Option(names = "--model-without-intrinsics", description = "The network has no intrinsics input.")
    boolean modelWithoutIntrinsics;

    @Option(names = "--out", required = true, paramLabel = "PLY", description = "Where to write the scene.")
    Path out;

    @Option(names = "--keep-views", split = ",", paramLabel = "INDEX",
            description = "Only these views' Gaussians go into the scene (default: all).")
    List<Integer> keepViews;

    @Option(names = "--preview", paramLabel = "PNG", description = "Render the scene at the first kept view.")
    Path preview;

    @Option(names = "--render-camera", paramLabel = "JSON",
            description = "A camera {\"K\", \"camToWorld\"[, \"width\", \"height\"]} in the input cameras' frame and "
                    + "units.")
    Path renderCamera;

    @Option(names = "--render-out", paramLabel = "PNG", description = "Where to write the --render-camera picture.")
    Path renderOut;

    @Option(names = "--pad-sh", description = "Write 45 zero f_rest fields (for strict degree-3 loaders).")
    boolean padSh;

    @Option(names = "--json", description = "Print a JSON summary instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if ((renderCamera == null) != (renderOut == null)) {
            throw new BadInputException("--render-camera and --render-out", "give both or neither");
        }
        if (views.size() < 2) {
            throw new BadInputException("--views", "needs two or more views, got " + views.size());
        }
        List<ViewCamera> cams = cameras == null ? null : InputFiles.read("--cameras", cameras,
                SplatCameraFiles::readList);
        if (cams != null && cams.size() != views.size()) {
            throw new BadInputException("--cameras " + cameras, cams.size() + " cameras for " + views.size()
                    + " views");
        }
        SplatCameraFiles.RenderView render = renderCamera == null ? null
                : InputFiles.read("--render-camera", renderCamera, SplatCameraFiles::readRender);
        List<SplatView> inputs = new ArrayList<>();
        for (int i = 0; i < views.size(); i++) {
            inputs.add(new SplatView(InputFiles.image("--views", views.get(i)), cams == null ? null : cams.get(i)));
        }
        SplatPredictor predictor = model == null ? new StereoSplatPredictor() : loadModel();
        try {
            Set<Integer> keep = keepViews == null ? Set.of() : new HashSet<>(keepViews);
            SplatResult result = new SplatPipeline(predictor).build(inputs, keep);
            byte[] ply = padSh ? GaussianPlyWriter.toBytes(result.scene(), true) : SceneArtifacts.ply(result);
            Files.write(out, ply);
            if (preview != null) {
                ImageIO.write(SceneArtifacts.preview(result), "png", preview.toFile());
            }
            if (render != null) {
                int width = render.width() > 0 ? render.width() : inputs.get(0).image().getWidth();
                int height = render.height() > 0 ? render.height() : inputs.get(0).image().getHeight();
                RenderCamera rc = result.inputCamera(render.camera().camToWorld(), render.camera().k(), width,
                        height);
                ImageIO.write(new GaussianRasterizer().render(result.scene(), rc).toImage(), "png",
                        renderOut.toFile());
            }
            print(result, ply.length);
            return 0;
        } finally {
            if (predictor instanceof YonoSplatNetwork network) {
                network.close();
            }
        }
    }

    private SplatPredictor loadModel() {
        String[] size = modelSize.toLowerCase(Locale.ROOT).split("x");
        int height;
        int width;
        try {
            height = Integer.parseInt(size[0].trim());
            width = size.length == 2 ? Integer.parseInt(size[1].trim()) : -1;
        } catch (NumberFormatException e) {
            height = -1;
            width = -1;
        }
        if (height < 1 || width < 1) {
            throw new BadInputException("--model-size " + modelSize, "must be HxW in pixels, e.g. 224x224");
        }
        int h = height;
        int w = width;
        Device on = device.resolve(ModelStage.SPLATTING);
        return InputFiles.read("--model", model, f -> YonoSplatNetwork.load(f, h, w, !modelWithoutIntrinsics, on));
    }

    private void print(SplatResult result, long plyBytes) throws Exception {
        double[] b = result.scene().bounds();
        if (!json) {
            System.out.printf("%s: %d views -> %d Gaussians (%d before opacity pruning), scale s = %.6g%n",
                    result.model().name(), views.size(), result.scene().count(), result.gaussiansBeforePruning(),
                    result.scale());
            System.out.printf("bounds x [%.3f, %.3f] y [%.3f, %.3f] z [%.3f, %.3f]; wrote %s (%d bytes)%n",
                    b[0], b[3], b[1], b[4], b[2], b[5], out, plyBytes);
            System.out.println("timings ms " + result.timingsMs());
            return;
        }
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.putPOJO("model", result.model());
        node.put("views", views.size());
        node.put("gaussians", result.scene().count());
        node.put("gaussiansBeforePruning", result.gaussiansBeforePruning());
        node.put("scale", result.scale());
        node.putPOJO("keptViews", result.keptViews());
        node.putPOJO("poses", result.poses().stream().map(p -> Arrays.stream(p.toMatrix4()).boxed().toList()).toList());
        node.putPOJO("intrinsics", result.intrinsics().stream().map(k -> Arrays.stream(k).boxed().toList()).toList());
        node.put("width", result.width());
        node.put("height", result.height());
        node.putPOJO("bounds", Arrays.stream(b).boxed().toList());
        node.putPOJO("timingsMs", result.timingsMs());
        node.put("ply", out.toString());
        node.put("plyBytes", plyBytes);
        System.out.println(Json.MAPPER.writeValueAsString(node));
    }
}
