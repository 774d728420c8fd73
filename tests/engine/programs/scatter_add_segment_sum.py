# A learner's graph-network snippet (message passing as in PyG tutorials, written with plain
# torch): per-node sums of edge messages with scatter_add and index_add, and their gradients.
import torch

torch.manual_seed(0)
num_nodes = 4
edge_index = torch.tensor([[0, 1, 1, 2, 3, 3], [1, 0, 2, 1, 2, 0]])
x = torch.randn(num_nodes, 3, requires_grad=True)
W = torch.randn(3, 2, requires_grad=True)
messages = x[edge_index[0]] @ W
target = edge_index[1].unsqueeze(1).expand(-1, 2)
agg = torch.zeros(num_nodes, 2).scatter_add(0, target, messages)
print(agg)
agg2 = torch.zeros(num_nodes, 2).index_add(0, edge_index[1], messages)
print(torch.allclose(agg, agg2))
degree = torch.zeros(num_nodes).index_add(0, edge_index[1], torch.ones(6))
mean = agg / degree.unsqueeze(1)
print(degree, mean.grad_fn)
mean.tanh().sum().backward()
print(x.grad)
print(W.grad)
