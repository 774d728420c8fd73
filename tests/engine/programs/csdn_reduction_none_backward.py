# CSDN blog, "RuntimeError: grad can be implicitly created only for scalar outputs"
# (blog.csdn.net/cyj972628089/article/details/122732509): nn.CrossEntropyLoss(reduction='none')
# gives one loss per sample, and backward() on it fails; loss.sum().backward() or
# loss.backward(torch.ones_like(loss)) fix it (both give the same gradients), and the default
# reduction ('mean') scales them by 1/N.
import torch
from torch import nn

torch.manual_seed(0)
logits = torch.randn(4, 3, requires_grad=True)
labels = torch.tensor([0, 2, 1, 2])

loss = nn.CrossEntropyLoss(reduction="none")(logits, labels)
print(loss)
try:
    loss.backward()
except RuntimeError as error:
    print("RuntimeError:", error)

loss.sum().backward()
by_sum = logits.grad.clone()
print(by_sum)

logits.grad = None
loss = nn.CrossEntropyLoss(reduction="none")(logits, labels)
loss.backward(torch.ones_like(loss))
print(torch.equal(logits.grad, by_sum))

logits.grad = None
mean_loss = nn.CrossEntropyLoss()(logits, labels)
print(mean_loss, mean_loss.grad_fn)
mean_loss.backward()
print(torch.allclose(logits.grad * 4, by_sum))
summed = nn.CrossEntropyLoss(reduction="sum")(logits, labels)
print(summed, summed.grad_fn, torch.allclose(summed, loss.sum()))
