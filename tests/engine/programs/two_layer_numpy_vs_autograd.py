# "Learning PyTorch with Examples", warm-up: a two-layer network with manual gradients, and the
# same network with autograd; both give the same weights after a few steps.
import torch

torch.manual_seed(0)
N, D_in, H, D_out = 16, 8, 6, 2
x = torch.randn(N, D_in)
y = torch.randn(N, D_out)
w1 = torch.randn(D_in, H)
w2 = torch.randn(H, D_out)
w1a = w1.clone().requires_grad_()
w2a = w2.clone().requires_grad_()
learning_rate = 1e-3
for t in range(5):
    h = x.mm(w1)
    h_relu = h.clamp(min=0)
    y_pred = h_relu.mm(w2)
    loss = (y_pred - y).pow(2).sum().item()
    grad_y_pred = 2.0 * (y_pred - y)
    grad_w2 = h_relu.t().mm(grad_y_pred)
    grad_h_relu = grad_y_pred.mm(w2.t())
    grad_h = grad_h_relu.clone()
    grad_h[h < 0] = 0
    grad_w1 = x.t().mm(grad_h)
    w1 -= learning_rate * grad_w1
    w2 -= learning_rate * grad_w2
    loss_a = (x.mm(w1a).clamp(min=0).mm(w2a) - y).pow(2).sum()
    loss_a.backward()
    with torch.no_grad():
        w1a -= learning_rate * w1a.grad
        w2a -= learning_rate * w2a.grad
        w1a.grad.zero_()
        w2a.grad.zero_()
    print(t, round(loss, 3), round(loss_a.item(), 3))
print(torch.allclose(w1, w1a, atol=1e-5), torch.allclose(w2, w2a, atol=1e-5))
