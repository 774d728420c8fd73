# PyTorch forums, "Multi-task learning: what's the difference between jointly backward and
# backward with retain_graph=True?" (discuss.pytorch.org/t/multi-task-learning-whats-the-
# difference-between-jointly-backward-and-backward-with-retain-graph-true/28162), and "What does
# the backward() function do?" (discuss.pytorch.org/t/what-does-the-backward-function-do/9944):
# a shared trunk with two heads; (loss1 + loss2).backward() against loss1.backward(
# retain_graph=True); loss2.backward(), the gradients of each loss seen separately, the error
# without retain_graph, and x.grad += dloss/dx followed by x += -lr * x.grad.
import torch
from torch import nn

torch.manual_seed(0)
trunk = nn.Linear(4, 3)
head1 = nn.Linear(3, 1)
head2 = nn.Linear(3, 2)
params = list(trunk.parameters()) + list(head1.parameters()) + list(head2.parameters())
optimizer = torch.optim.SGD(params, lr=0.1)
x = torch.randn(5, 4)
y1 = torch.randn(5, 1)
y2 = torch.tensor([0, 1, 1, 0, 1])


def losses():
    c = torch.relu(trunk(x))
    loss1 = nn.functional.mse_loss(head1(c), y1)
    loss2 = nn.functional.cross_entropy(head2(c), y2)
    return loss1, loss2


optimizer.zero_grad()
loss1, loss2 = losses()
(loss1 + loss2).backward()
joint = trunk.weight.grad.clone()
print(loss1.item(), loss2.item())
print(joint)

optimizer.zero_grad()
loss1, loss2 = losses()
loss1.backward(retain_graph=True)
only1 = trunk.weight.grad.clone()
loss2.backward()
print(only1)
print(trunk.weight.grad - only1)
print(torch.allclose(trunk.weight.grad, joint), head1.weight.grad, head2.bias.grad)

optimizer.zero_grad()
loss1, loss2 = losses()
loss1.backward()
try:
    loss2.backward()
except RuntimeError as e:
    print(e)

# "x.grad += dloss/dx; optimizer.step() does x += -lr * x.grad": by hand, then by SGD.
optimizer.zero_grad()
loss1, loss2 = losses()
(loss1 + loss2).backward()
expected = trunk.weight.detach() - 0.1 * trunk.weight.grad
optimizer.step()
print(torch.allclose(trunk.weight, expected), trunk.weight)
print(head1.weight.requires_grad, head1.weight.grad is None)
optimizer.zero_grad()
print(head1.weight.grad)
