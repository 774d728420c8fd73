# A fixed-point layer differentiated by unrolling (deep-equilibrium tutorial, first part):
# z = tanh(W z + x) iterated to convergence, then the gradient through the iterations.
import torch

torch.manual_seed(0)
W = (0.5 * torch.randn(4, 4) / 2).requires_grad_()
x = torch.randn(4)
z = torch.zeros(4)
for i in range(50):
    z_next = torch.tanh(W @ z + x)
    if (z_next - z).norm() < 1e-6:
        break
    z = z_next
print(i, z_next)
loss = z_next.pow(2).sum()
loss.backward()
print(loss, W.grad.norm())
