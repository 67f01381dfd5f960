#!/usr/bin/env python3
"""Convert an official Region Normalization (geekyutao/RN) checkpoint into the .npz the vision service loads.

    python3 scripts/convert-rn-checkpoint.py x_...RN-0.8RN-Net_bs_14_epoch_3.pth rn-generator.npz

Accepts the whole InpaintingModel state dict (keys generator.[module.]..., discriminator.[module.]...,
adversarial_loss.*) or a bare generator state dict, with or without DataParallel's "module." prefix. Writes only the
generator's tensors, as float32, under the plain official names (encoder_conv1.weight, middle.0.conv_block.1.weight,
..., decoder.9.bias). The discriminator and loss buffers are not needed for inference and are reported, not written.
Needs PyTorch (Debian: python3-torch) and NumPy.
"""
import sys

import numpy as np
import torch

SKIPPED_NETS = ("discriminator.", "adversarial_loss.")


def strip(key, prefix):
    return key[len(prefix):] if key.startswith(prefix) else key


def generator_tensors(state):
    tensors, skipped = {}, []
    for key, value in state.items():
        k = strip(key, "module.")
        if k.startswith(SKIPPED_NETS):
            skipped.append(key)
            continue
        k = strip(strip(k, "generator."), "module.")
        if k in tensors:
            raise SystemExit(f"tensor {k} appears twice in the checkpoint")
        tensors[k] = value.detach().cpu().float().numpy()
    return tensors, skipped


def main(argv):
    if len(argv) != 3:
        raise SystemExit(__doc__)
    state = torch.load(argv[1], map_location="cpu")
    if isinstance(state, dict) and "state_dict" in state and isinstance(state["state_dict"], dict):
        state = state["state_dict"]
    if not isinstance(state, dict):
        raise SystemExit(f"{argv[1]} holds a {type(state).__name__}, not a state dict")
    tensors, skipped = generator_tensors(state)
    if "encoder_conv1.weight" not in tensors:
        raise SystemExit("no generator tensors found (expected encoder_conv1.weight)")
    np.savez(argv[2], **tensors)
    params = sum(t.size for t in tensors.values())
    print(f"wrote {len(tensors)} generator tensors ({params} parameters) to {argv[2]}; "
          f"skipped {len(skipped)} discriminator/loss entries")


if __name__ == "__main__":
    main(sys.argv)
