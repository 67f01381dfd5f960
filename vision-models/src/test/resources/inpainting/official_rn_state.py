"""Test helper: writes a random-valued state dict with the official RN G_Net key names and shapes (spec section 11).

    python3 official_rn_state.py OUT.pth WIDTH LAYOUT
LAYOUT: "model" = whole InpaintingModel as released (generator.module.*, discriminator.module.*, loss buffers),
        "plain" = bare generator state dict.
Also writes OUT.reference.npz: the same generator tensors straight from NumPy under DataParallel's "module." keys,
the reference the Java test compares the converted file with.
"""
import sys

import numpy as np
import torch


def generator_shapes(w):
    shapes = {"encoder_conv1.weight": (w, 3, 7, 7), "encoder_conv1.bias": (w,)}
    def rnb(name, c):
        for p in ("foreground_gamma", "foreground_beta", "background_gamma", "background_beta"):
            shapes[f"{name}.{p}"] = (c,)
    def rnl(name):
        shapes[f"{name}.sa.conv1.weight"] = (1, 2, 7, 7)
        for conv in ("gamma_conv", "beta_conv"):
            shapes[f"{name}.sa.{conv}.weight"] = (1, 1, 7, 7)
            shapes[f"{name}.sa.{conv}.bias"] = (1,)
    rnb("encoder_in1", w)
    shapes["encoder_conv2.weight"], shapes["encoder_conv2.bias"] = (2 * w, w, 4, 4), (2 * w,)
    rnb("encoder_in2", 2 * w)
    shapes["encoder_conv3.weight"], shapes["encoder_conv3.bias"] = (4 * w, 2 * w, 4, 4), (4 * w,)
    rnb("encoder_in3", 4 * w)
    for i in range(8):
        for conv in (1, 5):
            shapes[f"middle.{i}.conv_block.{conv}.weight"] = (4 * w, 4 * w, 3, 3)
            shapes[f"middle.{i}.conv_block.{conv}.bias"] = (4 * w,)
        rnl(f"middle.{i}.conv_block.2")
        rnl(f"middle.{i}.conv_block.6")
    shapes["decoder.0.weight"], shapes["decoder.0.bias"] = (8 * w, 4 * w, 3, 3), (8 * w,)
    rnl("decoder.2")
    shapes["decoder.4.weight"], shapes["decoder.4.bias"] = (4 * w, 2 * w, 3, 3), (4 * w,)
    rnl("decoder.6")
    shapes["decoder.9.weight"], shapes["decoder.9.bias"] = (3, w, 7, 7), (3,)
    return shapes


def main(out, width, layout):
    torch.manual_seed(1234)
    generator = {k: torch.randn(s) for k, s in generator_shapes(width).items()}
    if layout == "plain":
        state = generator
    else:
        state = {f"generator.module.{k}": v for k, v in generator.items()}
        for i, (cin, cout) in enumerate([(3, 64), (64, 128), (128, 256), (256, 512), (512, 1)], start=1):
            state[f"discriminator.module.conv{i}.0.weight_orig"] = torch.randn(cout, cin, 4, 4)
            state[f"discriminator.module.conv{i}.0.weight_u"] = torch.randn(cout)
            state[f"discriminator.module.conv{i}.0.weight_v"] = torch.randn(cin * 16)
        state["adversarial_loss.real_label"] = torch.tensor(1.0)
        state["adversarial_loss.fake_label"] = torch.tensor(0.0)
    torch.save(state, out)
    np.savez(out + ".reference.npz", **{f"module.{k}": v.numpy() for k, v in generator.items()})


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
