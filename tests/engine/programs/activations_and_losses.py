# Activation functions and losses a textbook compares: values, derivatives, grad_fn names.
import torch
import torch.nn.functional as F
from torch import nn

x = torch.linspace(-3, 3, 7, requires_grad=True)
for name in ("relu", "sigmoid", "tanh", "leaky_relu", "elu", "gelu", "silu", "softplus",
             "logsigmoid"):
    x.grad = None
    y = getattr(F, name)(x)
    y.sum().backward()
    print(name, y.grad_fn.name())
    print(y)
    print(x.grad)
for module in (nn.LeakyReLU(0.2), nn.ELU(), nn.GELU(), nn.SiLU(), nn.Softplus(beta=2),
               nn.Identity(), nn.Dropout(0.3).eval()):
    print(module, module(torch.tensor([-1.0, 0.5])))
for fn in (torch.tan, torch.atan, torch.asin, torch.acos, torch.sinh, torch.cosh, torch.log2,
           torch.log10, torch.exp2, torch.erf):
    z = torch.tensor([0.1, 0.5, 0.9], requires_grad=True)
    out = fn(z)
    out.sum().backward()
    print(fn.__name__, out, z.grad)
pred = torch.tensor([0.5, 2.0, -1.0, 3.0], requires_grad=True)
target = torch.tensor([0.0, 0.0, 0.0, 0.0])
for loss_fn in (nn.L1Loss(), nn.SmoothL1Loss(), nn.SmoothL1Loss(beta=0.5), nn.HuberLoss(delta=2.0),
                nn.MSELoss()):
    pred.grad = None
    loss = loss_fn(pred, target)
    loss.backward()
    print(loss_fn, loss, pred.grad)
print(F.l1_loss(pred, target, reduction="none"), F.smooth_l1_loss(pred, target, reduction="sum"))
m = torch.tensor([[3.0, 4.0], [1.0, 0.0]], requires_grad=True)
n = F.normalize(m, dim=1)
n[:, 0].sum().backward()
print(n, m.grad)
print(F.one_hot(torch.tensor([0, 2, 1])), F.one_hot(torch.tensor([1]), num_classes=4))
a = torch.tensor([[1.0, 5.0, 5.0], [2.0, 0.0, 2.0]], requires_grad=True)
a.amax(dim=1).sum().backward()
print(a.amax(1), a.amin(), a.grad)
print(torch.lerp(torch.zeros(2), torch.ones(2) * 10, 0.25), a.narrow(1, 1, 2), a.select(0, 1))
net = nn.Sequential(nn.Linear(2, 2), nn.Dropout(0.5), nn.ReLU())
net.eval()
print(net, net.training, net[1].training)
