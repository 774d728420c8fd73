# Where pooling gradients go (forum questions "backward of max pooling"): max pooling routes
# each gradient to the winning element, average pooling spreads it evenly.
import torch
import torch.nn.functional as F

x = torch.tensor([[[[1.0, 3.0, 2.0, 0.0], [4.0, 2.0, 1.0, 5.0], [0.0, 1.0, 3.0, 2.0],
                    [2.0, 2.0, 1.0, 4.0]]]], requires_grad=True)
y = F.max_pool2d(x, 2)
print(y)
y.sum().backward()
print(x.grad)
x.grad = None
z = F.avg_pool2d(x, 2)
z.sum().backward()
print(z, x.grad)
x.grad = None
out, idx = F.max_pool2d(x, 2, return_indices=True)
print(idx)
w = F.max_pool2d(x, 3, stride=1, padding=1)
w.sum().backward()
print(w, x.grad)
