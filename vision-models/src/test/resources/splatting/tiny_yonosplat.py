"""Writes a tiny random-weight network that follows the YoNoSplat tensor contract (YonoSplatContract.java).

Usage: tiny_yonosplat.py OUT.pt|OUT.onnx [--gaussian-channels N] [--no-intrinsics]
Run at test time only; the generated file is never committed.
"""
import sys

import torch


class TinyYonoSplat(torch.nn.Module):
    def __init__(self, gaussian_channels, with_intrinsics):
        super().__init__()
        self.with_intrinsics = with_intrinsics
        self.heads = torch.nn.Conv2d(3, 3 + gaussian_channels, 3, padding=1)
        self.camera = torch.nn.Linear(3 + 9, 12)
        self.focal = torch.nn.Linear(3, 2)
        self.gaussian_channels = gaussian_channels
        # a rotation-dominated 3×3 so the SVD projection is well conditioned
        self.register_buffer("camera_bias", torch.tensor([4.0, 0, 0, 0, 4.0, 0, 0, 0, 4.0, 0, 0, 0]))

    def forward(self, views, intrinsics=None):
        b, v, c, h, w = views.shape
        x = views.reshape(b * v, c, h, w)
        y = self.heads(x).permute(0, 2, 3, 1).reshape(b, v, h, w, 3 + self.gaussian_channels)
        points = torch.tanh(y[..., :3])
        gaussians = y[..., 3:]
        pooled = x.mean(dim=(2, 3)).reshape(b, v, 3)
        k = intrinsics.reshape(b, v, 9) if intrinsics is not None else torch.zeros(b, v, 9)
        camera = self.camera(torch.cat([pooled, k], -1))
        camera = camera + self.camera_bias
        focal = torch.relu(self.focal(pooled)) + 0.5
        return points, gaussians, camera, focal


def main():
    out = sys.argv[1]
    channels = 11
    if "--gaussian-channels" in sys.argv:
        channels = int(sys.argv[sys.argv.index("--gaussian-channels") + 1])
    with_intrinsics = "--no-intrinsics" not in sys.argv
    torch.manual_seed(0)
    model = TinyYonoSplat(channels, with_intrinsics).eval()
    views = torch.rand(1, 2, 3, 28, 28)
    intrinsics = torch.eye(3).repeat(1, 2, 1, 1)
    inputs = (views, intrinsics) if with_intrinsics else (views,)
    if out.endswith(".onnx"):
        names = ["views", "intrinsics"] if with_intrinsics else ["views"]
        axes = {"views": {1: "v", 3: "h", 4: "w"}, "intrinsics": {1: "v"},
                "points": {1: "v", 2: "h", 3: "w"}, "gaussians": {1: "v", 2: "h", 3: "w"},
                "camera": {1: "v"}, "focal": {1: "v"}}
        torch.onnx.export(model, inputs, out, input_names=names,
                          output_names=["points", "gaussians", "camera", "focal"],
                          dynamic_axes={k: a for k, a in axes.items() if k in names or k not in ("views", "intrinsics")},
                          opset_version=17)
    else:
        torch.jit.trace(model, inputs).save(out)


if __name__ == "__main__":
    main()
