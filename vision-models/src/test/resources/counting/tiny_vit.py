"""Writes a tiny random-weight ViT with DINOv2's input/output contract, for backbone-loading tests.

usage: tiny_vit.py OUT_DIR [TILE] [PATCH]
Writes OUT_DIR/tiny_vit.pt (TorchScript), OUT_DIR/tiny_vit.onnx (opset 17) and OUT_DIR/bad_vit.pt (pooled
output [B, D], which breaks the contract). Input [B, 3, TILE, TILE]; output tokens [B, 1 + 4 + (TILE/PATCH)^2, D]
(CLS, 4 registers, patch tokens), like DINOv2 ViT-*/14-reg's x_norm with the CLS/register tokens kept.
"""
import sys
import torch
import torch.nn as nn


class Attention(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(dim, dim * 3)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x):
        b, n, d = x.shape
        h = self.heads
        qkv = self.qkv(x).reshape(b, n, 3, h, d // h).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        att = (q @ k.transpose(-2, -1)) * (d // h) ** -0.5
        out = att.softmax(dim=-1) @ v
        return self.proj(out.transpose(1, 2).reshape(b, n, d))


class Block(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.n1 = nn.LayerNorm(dim)
        self.att = Attention(dim, heads)
        self.n2 = nn.LayerNorm(dim)
        self.mlp = nn.Sequential(nn.Linear(dim, dim * 2), nn.GELU(), nn.Linear(dim * 2, dim))

    def forward(self, x):
        x = x + self.att(self.n1(x))
        return x + self.mlp(self.n2(x))


class TinyVit(nn.Module):
    def __init__(self, tile, patch, dim=32, registers=4, pooled=False):
        super().__init__()
        self.patch = nn.Conv2d(3, dim, patch, patch)
        grid = tile // patch
        self.pos = nn.Parameter(torch.randn(1, grid * grid + 1, dim) * 0.02)
        self.cls = nn.Parameter(torch.randn(1, 1, dim))
        self.reg = nn.Parameter(torch.randn(1, registers, dim))
        self.blocks = nn.Sequential(Block(dim, 4), Block(dim, 4))
        self.norm = nn.LayerNorm(dim)
        self.pooled = pooled

    def forward(self, x):
        t = self.patch(x).flatten(2).transpose(1, 2)
        b = t.shape[0]
        t = torch.cat([self.cls.expand(b, -1, -1), t], dim=1) + self.pos
        t = torch.cat([t[:, :1], self.reg.expand(b, -1, -1), t[:, 1:]], dim=1)
        t = self.norm(self.blocks(t))
        return t.mean(dim=1) if self.pooled else t


def main():
    out = sys.argv[1]
    tile = int(sys.argv[2]) if len(sys.argv) > 2 else 56
    patch = int(sys.argv[3]) if len(sys.argv) > 3 else 14
    torch.manual_seed(0)
    example = torch.rand(2, 3, tile, tile)
    model = TinyVit(tile, patch).eval()
    with torch.no_grad():
        torch.jit.trace(model, example).save(out + "/tiny_vit.pt")
        torch.onnx.export(model, example, out + "/tiny_vit.onnx", opset_version=17, input_names=["pixels"],
                          output_names=["tokens"], dynamic_axes={"pixels": {0: "batch"}, "tokens": {0: "batch"}})
        torch.jit.trace(TinyVit(tile, patch, pooled=True).eval(), example).save(out + "/bad_vit.pt")


if __name__ == "__main__":
    main()
