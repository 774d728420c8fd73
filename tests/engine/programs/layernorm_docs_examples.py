# PyTorch docs, torch.nn.LayerNorm: the NLP example (normalise each token's embedding) and the
# image example (normalise over C, H, W); weights start at one and biases at zero.
import torch
from torch import nn

torch.manual_seed(0)
batch, sentence_length, embedding_dim = 2, 3, 4
embedding = torch.randn(batch, sentence_length, embedding_dim)
layer_norm = nn.LayerNorm(embedding_dim)
out = layer_norm(embedding)
print(out)
print(out.mean(-1).abs().max() < 1e-6, out.var(-1, unbiased=False))
N, C, H, W = 2, 3, 2, 2
image = torch.randn(N, C, H, W)
layer_norm = nn.LayerNorm([C, H, W])
output = layer_norm(image)
print(output.shape, layer_norm.weight.shape)
print(output.reshape(N, -1).mean(-1).abs().max() < 1e-6)
print(layer_norm)
