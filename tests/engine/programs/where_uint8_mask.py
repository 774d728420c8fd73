# Masks as uint8 tensors, the pre-1.2 idiom still found in old repositories: torch.where
# accepts them with a deprecation warning (once); bool masks are the modern form.
import warnings

import torch

x = torch.tensor([1.0, -2.0, 3.0, -4.0])
mask = (x > 0).to(torch.uint8)
print(mask, mask.dtype)
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('always')
    print(torch.where(mask, x, torch.zeros_like(x)))
    print(torch.where(mask, x, -x))
    print(len(w), str(w[0].message).split('.')[0])
print(torch.where(x > 0, x, torch.zeros_like(x)))
print(x[mask.bool()], x.masked_fill(mask.bool(), 0.0))
print(torch.where(x > 0))
