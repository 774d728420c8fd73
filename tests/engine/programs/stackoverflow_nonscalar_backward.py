# "grad can be implicitly created only for scalar outputs", three places learners meet it:
# a Stack Overflow answer to "Backward function in PyTorch" (as mirrored, translated, at
# isolution.pro/pl/q/so70246575), backward per element of a 2x3 tensor vs
# out.backward(torch.ones(2, 3)) and a non-uniform upstream gradient; pythonclear.com's
# x * y example; and tjhub.jdoodle.com's torch.cat example; each with the error, then
# the fixes the posts give.
import torch

a = torch.tensor([[1, 2, 3], [4, 5, 6]], dtype=torch.float, requires_grad=True)
for i in range(2):
    for j in range(3):
        out = a[i, j] * a[i, j]
        out.backward()
print(a.grad)

a.grad = None
out = a * a
try:
    out.backward()
except RuntimeError as e:
    print("RuntimeError:", e)
out.backward(torch.ones(2, 3))
print(a.grad)
a.grad.zero_()
out = a * a
out.backward(torch.tensor([[1.0, 0.5, 0.0], [2.0, -1.0, 0.1]]))
print(a.grad)

x = torch.tensor([5., 5.], requires_grad=True)
y = torch.tensor([8., 8.], requires_grad=True)
A = x * y
try:
    A.backward()
except RuntimeError as e:
    print("RuntimeError:", e)
A.backward(gradient=torch.ones_like(A))
print(x.grad)
print(y.grad)
A = x * y
A.sum().backward()
print(x.grad, y.grad)

torch.manual_seed(0)
x = torch.randn(3, requires_grad=True)
y = torch.randn(3, requires_grad=True)
# Incorrect: multiple outputs
loss = torch.cat([x, y])
try:
    loss.backward()  # This will throw the error!
except RuntimeError as e:
    print("RuntimeError:", e)
loss = torch.cat([x, y]).mean()
loss.backward()
print(loss, x.grad, y.grad)
try:
    torch.cat([x, y]).backward(torch.ones(5))
except RuntimeError as e:
    print("RuntimeError:", e)
