# Adam written out by hand (the update rule from Kingma & Ba, as in optimisation course
# notebooks), step for step equal to torch.optim.Adam.
import torch

torch.manual_seed(0)
w0 = torch.randn(3)
target = torch.tensor([1.0, -2.0, 0.5])
w = w0.clone().requires_grad_()
opt = torch.optim.Adam([w], lr=0.1, betas=(0.9, 0.999), eps=1e-8)
v = w0.clone().requires_grad_()
m = torch.zeros(3)
s = torch.zeros(3)
beta1, beta2, lr, eps = 0.9, 0.999, 0.1, 1e-8
for t in range(1, 6):
    loss = ((w - target) ** 2).sum()
    opt.zero_grad()
    loss.backward()
    opt.step()
    loss_v = ((v - target) ** 2).sum()
    g, = torch.autograd.grad(loss_v, v)
    with torch.no_grad():
        m = beta1 * m + (1 - beta1) * g
        s = beta2 * s + (1 - beta2) * g * g
        m_hat = m / (1 - beta1 ** t)
        s_hat = s / (1 - beta2 ** t)
        v -= lr * m_hat / (s_hat.sqrt() + eps)
    print(t, w.detach(), torch.allclose(w, v, atol=1e-6))
