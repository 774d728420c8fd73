# Ross Wightman, pytorch-image-models (github.com/rwightman/pytorch-image-models,
# timm/loss/cross_entropy.py): LabelSmoothingCrossEntropy, (1 - smoothing) * nll + smoothing *
# the mean of -log p over the classes, next to the built-in F.cross_entropy(label_smoothing=...)
# that composes the same loss in C++: the same values and gradients, different graphs.
import torch
import torch.nn.functional as F
from torch import nn


class LabelSmoothingCrossEntropy(nn.Module):
    """NLL loss with label smoothing."""

    def __init__(self, smoothing=0.1):
        super().__init__()
        assert smoothing < 1.0
        self.smoothing = smoothing
        self.confidence = 1.0 - smoothing

    def forward(self, x, target):
        logprobs = F.log_softmax(x, dim=-1)
        nll_loss = -logprobs.gather(dim=-1, index=target.unsqueeze(1))
        nll_loss = nll_loss.squeeze(1)
        smooth_loss = -logprobs.mean(dim=-1)
        loss = self.confidence * nll_loss + self.smoothing * smooth_loss
        return loss.mean()


def names(fn, depth=0):
    """The node names, depth first, one per line."""
    if fn is None:
        return []
    lines = ["  " * depth + type(fn).__name__]
    for child, _ in fn.next_functions:
        lines += names(child, depth + 1)
    return lines


torch.manual_seed(0)
logits = torch.randn(3, 5, requires_grad=True)
target = torch.tensor([1, 0, 4])

ours = LabelSmoothingCrossEntropy(0.1)(logits, target)
ours.backward()
ours_grad = logits.grad.clone()
logits.grad = None
builtin = F.cross_entropy(logits, target, label_smoothing=0.1)
builtin.backward()
print(ours, builtin, torch.allclose(ours, builtin))
print(torch.allclose(ours_grad, logits.grad))
print("\n".join(names(ours.grad_fn)))
print("\n".join(names(builtin.grad_fn)))

for reduction in ("none", "sum"):
    out = nn.CrossEntropyLoss(label_smoothing=0.1, reduction=reduction)(logits, target)
    print(reduction, out, out.grad_fn)
    print([type(fn).__name__ for fn, _ in out.grad_fn.next_functions])
