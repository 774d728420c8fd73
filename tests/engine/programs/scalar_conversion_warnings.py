# Turning tensors into Python numbers (forum questions about float(loss) and printing losses):
# item(), float(), int(), formatting, and the warning float() gives for tensors needing grad.
import warnings

import torch

w = torch.tensor(1.5, requires_grad=True)
loss = w * 2
print(loss.item(), float(loss.detach()), int(loss.detach()))
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter('always')
    value = float(loss)
print(value, [str(c.message).splitlines()[0] for c in caught])
print('%.3f' % loss.item())  # noqa: UP031 - the form learners write
print(f'{loss.item():.2f}', f'{loss:.4f}', f'{loss.item():.1f}')
print(torch.tensor([3]).item(), bool(torch.tensor(True)), torch.tensor(2.5).tolist())
try:
    torch.tensor([1.0, 2.0]).item()
except RuntimeError as e:
    print(e)
try:
    bool(torch.tensor([1, 2]))
except RuntimeError as e:
    print(e)
print([1, 2, 3][torch.tensor(1)], round(torch.tensor(2.567).item(), 2))
