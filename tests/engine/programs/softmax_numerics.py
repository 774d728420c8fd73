# Numerically stable softmax and log-sum-exp (d2l.ai "Softmax Regression" concise section, and
# CS231n notes): the naive form overflows, the shifted one does not, and torch's agrees.
import torch

x = torch.tensor([1000.0, 1001.0, 1002.0])
naive = torch.exp(x) / torch.exp(x).sum()
print(naive)
shifted = torch.exp(x - x.max()) / torch.exp(x - x.max()).sum()
print(shifted, torch.softmax(x, dim=0))
print(torch.logsumexp(x, dim=0), x.max() + torch.log(torch.exp(x - x.max()).sum()))
logits = torch.tensor([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3]], requires_grad=True)
log_probs = torch.log_softmax(logits, dim=1)
print(log_probs)
loss = torch.nn.functional.nll_loss(log_probs, torch.tensor([0, 1]))
loss.backward()
print(loss, logits.grad)
print(torch.nn.functional.cross_entropy(logits.detach(), torch.tensor([0, 1])))
print(torch.softmax(torch.tensor([[1.0, 2.0], [3.0, 5.0]]), dim=-1).sum(-1))
