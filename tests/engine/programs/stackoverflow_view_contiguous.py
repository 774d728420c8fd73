# Two Stack Overflow questions about views, with the code of their answers: "What does
# .contiguous() do in PyTorch?" (stackoverflow.com/q/48915810) and "What's the difference
# between reshape and view in pytorch?" (stackoverflow.com/q/49643225): strides of a
# transpose, the error view() gives on a non-contiguous tensor, contiguous() and reshape()
# copying where they must, views sharing their data, and gradients flowing through all of them.
import torch

aaa = torch.Tensor([[1, 2, 3], [4, 5, 6]])
print(aaa.stride())
print(aaa.is_contiguous())
print(aaa.t())
print(aaa.t().stride())
print(aaa.t().is_contiguous())

bbb = aaa.transpose(0, 1)
try:
    bbb.view(-1)
except RuntimeError as e:
    print("RuntimeError:", e)
print(bbb.contiguous().view(-1))
print(bbb.contiguous().is_contiguous(), bbb.contiguous().stride())
print(bbb.reshape(-1), bbb.reshape(-1).data_ptr() == bbb.data_ptr())
print(aaa.view(-1).data_ptr() == aaa.data_ptr(), aaa.reshape(3, 2).data_ptr() == aaa.data_ptr())

z = torch.zeros(3, 2)
x = z.view(2, 3)
z.fill_(1)
print(x)

a = torch.arange(6).view(2, 3)
print(a.t().is_contiguous(), a.t().reshape(6), a.narrow(1, 1, 2).is_contiguous())
c = a.t().contiguous()
c[0, 0] = 100
print(a)
d = a.view(3, 2)
d[0, 0] = -1
print(a)

w = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
y = w.t().contiguous().view(-1) * torch.arange(6.0)
print(y, y.grad_fn, y.grad_fn.next_functions[0][0])
y.sum().backward()
print(w.grad)
w.grad = None
(w.t().reshape(6) ** 2).sum().backward()
print(w.grad)
print(torch.arange(8).view(2, 2, 2).permute(2, 0, 1).stride(),
      torch.arange(8).view(2, 2, 2).expand(3, 2, 2, 2).stride())
