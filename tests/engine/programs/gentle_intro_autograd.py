# PyTorch "A Gentle Introduction to torch.autograd": Q = 3a^3 - b^2, exclusion from the DAG.
import torch

a = torch.tensor([2., 3.], requires_grad=True)
b = torch.tensor([6., 4.], requires_grad=True)
Q = 3 * a ** 3 - b ** 2
print(Q)
external_grad = torch.tensor([1., 1.])
Q.backward(gradient=external_grad)
print(9 * a ** 2 == a.grad)
print(-2 * b == b.grad)
print(a.grad, b.grad)
torch.manual_seed(0)
x = torch.rand(5, 5)
y = torch.rand(5, 5)
z = torch.rand((5, 5), requires_grad=True)
a = x + y
print(f"Does `a` require gradients?: {a.requires_grad}")
b = x + z
print(f"Does `b` require gradients?: {b.requires_grad}")
model = torch.nn.Sequential(torch.nn.Linear(5, 4), torch.nn.ReLU(), torch.nn.Linear(4, 2))
for param in model.parameters():
    param.requires_grad = False
model[2] = torch.nn.Linear(4, 3)
print([p.requires_grad for p in model.parameters()])
out = model(x).sum()
out.backward()
print(model[0].weight.grad, model[2].bias.grad)
