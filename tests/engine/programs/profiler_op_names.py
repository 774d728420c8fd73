# torch.autograd.profiler (PyTorch recipe "Profiling your PyTorch Module"): which ops ran;
# the times vary, so only the names are printed.
import torch
from torch.autograd import profiler

torch.manual_seed(0)
model = torch.nn.Linear(4, 2)
x = torch.randn(3, 4)
with profiler.profile(record_shapes=True) as prof, profiler.record_function('model_inference'):
    y = model(x).relu().sum()
names = {e.key for e in prof.key_averages()}
print('model_inference' in names)
print(any('relu' in n for n in names), any('sum' in n for n in names))
print(y)
