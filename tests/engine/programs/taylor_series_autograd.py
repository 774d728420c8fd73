# A Taylor polynomial from repeated autograd derivatives (calculus notebook): coefficients of
# exp(sin(x)) at 0 up to order 4, and the approximation error near 0.
import math

import torch

x0 = torch.tensor(0.0, requires_grad=True)
y = torch.exp(torch.sin(x0))
coeffs = [y.item()]
d = y
for n in range(1, 5):
    d, = torch.autograd.grad(d, x0, create_graph=True)
    coeffs.append(d.item() / math.factorial(n))
print([round(c, 6) for c in coeffs])
for h in [0.1, 0.3]:
    approx = sum(c * h ** k for k, c in enumerate(coeffs))
    print(h, round(approx, 6), round(math.exp(math.sin(h)), 6))
