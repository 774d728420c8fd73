# PyTorch docs, torch.nn.PairwiseDistance and torch.nn.CosineSimilarity
# (pytorch.org/docs/stable/generated/torch.nn.PairwiseDistance.html, ...CosineSimilarity.html):
# the docs' examples shrunk to small seeded batches, with the graph each prints (ATen's
# NormBackward1 over x1 - x2 + eps; the norms' copies in cosine similarity), p and keepdim, and
# the gradients.
import torch
from torch import nn

torch.manual_seed(0)
input1 = torch.randn(4, 3, requires_grad=True)
input2 = torch.randn(4, 3, requires_grad=True)

pdist = nn.PairwiseDistance(p=2)
output = pdist(input1, input2)
print(output)
node = output.grad_fn
print(node, node.next_functions)
print(node._saved_p, node._saved_dim, node._saved_keepdim)
print(node.next_functions[0][0].next_functions)
output.sum().backward()
print(input1.grad, input2.grad)

for p in (1.0, 3.0, float("inf")):
    out = nn.PairwiseDistance(p=p, keepdim=True)(input1, input2)
    print(p, out.shape, out.squeeze(1), out.grad_fn._saved_p)

input1.grad = input2.grad = None
cos = nn.CosineSimilarity(dim=1, eps=1e-6)
similarity = cos(input1, input2)
print(similarity)
node = similarity.grad_fn
print(node, [type(fn).__name__ for fn, _ in node.next_functions[0][0].next_functions])
division = node.next_functions[0][0].next_functions[0][0]
print([type(fn).__name__ for fn, _ in division.next_functions])
similarity.sum().backward()
print(input1.grad)

# one zero row: its norm is clamped to eps outside the graph, so its gradient is not cut off
zero_row = torch.tensor([[0.0, 0.0], [1.0, 2.0]], requires_grad=True)
other = torch.tensor([[1.0, 1.0], [2.0, 1.0]])
value = nn.CosineSimilarity(dim=1)(zero_row, other)
value.sum().backward()
print(value, zero_row.grad)
