# PyTorch docs, torch.nn.functional.pad: padding the last dim, the last two, and the last three;
# reflect / replicate / circular modes; negative padding crops; the gradient of a padded input.
import torch
import torch.nn.functional as F

t4d = torch.empty(3, 3, 4, 2)
p1d = (1, 1)
out = F.pad(t4d, p1d, "constant", 0)
print(out.size())
p2d = (1, 1, 2, 2)
out = F.pad(t4d, p2d, "constant", 0)
print(out.size())
t4d = torch.empty(3, 3, 4, 2)
p3d = (0, 1, 2, 1, 3, 3)
out = F.pad(t4d, p3d, "constant", 0)
print(out.size())
x = torch.arange(6.0).view(1, 2, 3)
print(F.pad(x, (2, 1), mode="reflect"))
print(F.pad(x, (2, 1), mode="replicate"))
print(F.pad(x, (1, 1), mode="circular"))
print(F.pad(x, (-1, 2), value=9.0))
w = torch.arange(1.0, 5.0, requires_grad=True)
y = F.pad(w, (2, 3), value=-1.0)
print(y)
(y * torch.arange(9.0)).sum().backward()
print(w.grad)
