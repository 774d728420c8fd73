# CSDN blog, "KLDivLoss" (blog.csdn.net/qq_40206371/article/details/134097116): KLDivLoss with
# reduction='batchmean' on a 2x3 batch of log-probabilities is target * (log target - input)
# summed and divided by the batch size; here with every reduction, log_target, the grad_fn each
# prints and the gradients (the 'mean' reduction's warning aside).
import warnings

import torch
import torch.nn.functional as F
from torch import nn

input = torch.tensor([[0.5, -0.5, 0.1], [0.1, -0.2, 0.3]], requires_grad=True)
target = torch.tensor([[0.7, 0.2, 0.1], [0.1, 0.5, 0.4]])

loss = nn.KLDivLoss(reduction="batchmean")(input, target)
print(loss)
by_hand = target * (target.log() - input)
print(by_hand)
print(torch.sum(by_hand) / 2)

for reduction in ("none", "sum", "batchmean", "mean"):
    input.grad = None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = F.kl_div(input, target, reduction=reduction)
    out.sum().backward()
    print(reduction, out.grad_fn, len(caught))
    print(input.grad)

log_target = target.log()
out = nn.KLDivLoss(reduction="batchmean", log_target=True)(input, log_target)
print(out, torch.allclose(out, loss))

# a target with a zero entry: 0 * log 0 counts as 0
sparse = torch.tensor([[1.0, 0.0, 0.0], [0.5, 0.5, 0.0]])
print(F.kl_div(input, sparse, reduction="none"))
learned = sparse.clone().requires_grad_()
kl = F.kl_div(input, learned, reduction="sum")
kl.backward()
print(kl.grad_fn, kl.grad_fn.next_functions[0][0])
print(learned.grad)
