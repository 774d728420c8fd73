# Entropy, cross-entropy and KL divergence written with tensor ops (information-theory
# lecture notebooks), with gradients with respect to the logits.
import torch

logits = torch.tensor([1.0, 2.0, 0.5], requires_grad=True)
p = torch.softmax(logits, dim=0)
q = torch.tensor([0.2, 0.5, 0.3])
entropy = -(p * torch.log(p)).sum()
cross = -(q * torch.log(p)).sum()
kl = (q * (torch.log(q) - torch.log(p))).sum()
print(entropy, cross, kl)
print(torch.allclose(cross, kl - (q * torch.log(q)).sum()))
kl.backward()
print(logits.grad, p - q)
logp = torch.log_softmax(logits.detach(), 0)
print(-(q * logp).sum(), -(q * q.log()).sum())
