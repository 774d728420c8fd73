# Integer tensors at their limits (forum questions about overflow and division by zero):
# PyTorch raises where a silent wrong value would mislead.
import math

import torch

for make in [lambda: torch.tensor([2 ** 63]), lambda: torch.tensor([2 ** 64 - 1]),
             lambda: torch.tensor([1, 2 ** 63]), lambda: torch.tensor([1]) // 0,
             lambda: torch.tensor([5, 7]) % torch.tensor([2, 0]),
             lambda: torch.manual_seed(2 ** 64), lambda: torch.arange(0, math.inf),
             lambda: torch.arange(0, float('nan'))]:
    try:
        print(make())
    except (RuntimeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)
print(torch.tensor([2 ** 63 - 1]), torch.tensor([-2 ** 63]))
print(torch.tensor([2 ** 70, 1.0]))
print(torch.tensor([1.0]) // 0, torch.tensor([1.0]) / 0, torch.tensor([-1]) // 2)
print(torch.tensor([7, -7]) % 3, torch.tensor([7, -7]) // 3)
print(torch.manual_seed(-1).initial_seed())
import copy

leaf = torch.ones(2, requires_grad=True)
print(copy.deepcopy(leaf))
try:
    copy.deepcopy(leaf * 2)
except RuntimeError as e:
    print(str(e)[:60])
