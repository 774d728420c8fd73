# Finding where a NaN comes from (PyTorch docs, torch.autograd.detect_anomaly, and the forum
# advice to "use anomaly detection"): the error names the backward node that made the NaN.
import warnings

import torch

warnings.simplefilter('ignore')
x = torch.tensor([0.0, 1.0, 4.0], requires_grad=True)
y = torch.sqrt(x)
print(y)
z = (y * 0).sum()
z.backward()
print(x.grad)
x.grad = None
with torch.autograd.detect_anomaly():
    y = torch.sqrt(x)
    try:
        (y * 0).sum().backward()
    except RuntimeError as e:
        print('RuntimeError:', e)
print(torch.is_anomaly_enabled())
torch.autograd.set_detect_anomaly(True)
print(torch.is_anomaly_enabled())
a = torch.tensor([0.0], requires_grad=True)
try:
    (a / a).backward()
except RuntimeError as e:
    print('RuntimeError:', e)
torch.autograd.set_detect_anomaly(False)
with torch.autograd.detect_anomaly():
    w = torch.tensor([2.0, 3.0], requires_grad=True)
    (w ** 2).sum().backward()
    print(w.grad)
