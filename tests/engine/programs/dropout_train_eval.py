# PyTorch docs, torch.nn.Dropout: zeroed elements and the 1/(1-p) scale in training, the
# identity in eval mode, and gradients only through the kept elements.
import torch
from torch import nn

torch.manual_seed(0)
m = nn.Dropout(p=0.2)
input = torch.randn(4, 5)
output = m(input)
print(output)
print((output == 0).sum().item(), output.grad_fn)
m.eval()
print(torch.equal(m(input), input))
x = torch.ones(10, requires_grad=True)
y = nn.functional.dropout(x, p=0.5, training=True)
y.sum().backward()
print(y, x.grad)
