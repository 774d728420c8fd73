# TitanFuzz's Codex seed programs for torch.nn.functional.triplet_margin_loss (github.com/
# WGQZYJZ/Empirical-Study-on-LLM-based-DL-Compiler-Testing-Techniques, TitanFuzz/
# codex_seed_programs/codex_torch_seeds/fix/torch.nn.functional.triplet_margin_loss/3.py and
# 11.py): a loss on three random (1, 3) embeddings (here seeded) and each one's gradient, the same
# tensor as anchor, positive and negative (loss = margin), and the graph the loss records.
import torch
from torch.autograd import Variable
from torch.nn.functional import triplet_margin_loss

torch.manual_seed(0)
anchor = Variable(torch.randn(1, 3), requires_grad=True)
positive = Variable(torch.randn(1, 3), requires_grad=True)
negative = Variable(torch.randn(1, 3), requires_grad=True)
loss = triplet_margin_loss(anchor, positive, negative)
print(loss)
loss.backward()
print(anchor.grad)
print(positive.grad)
print(negative.grad)

data = torch.randn(3, requires_grad=True)
out = triplet_margin_loss(data, data, data)
print(out)
out.backward()
print(data.grad)


def walk(fn, depth=0):
    if fn is None:
        print("  " * depth + "None")
        return
    print("  " * depth + type(fn).__name__)
    for child, _ in fn.next_functions:
        walk(child, depth + 1)


walk(loss.grad_fn)
swapped = triplet_margin_loss(anchor, positive, negative, margin=2.0, p=1, swap=True,
                              reduction="none")
print(swapped)
walk(swapped.grad_fn)
