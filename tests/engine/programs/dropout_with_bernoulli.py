# d2l.ai, "Dropout" from scratch (d2l.ai/chapter_multilayer-perceptrons/dropout.html), here
# with torch.bernoulli for the mask as many course notebooks write it.
import torch

torch.manual_seed(0)


def dropout_layer(X, dropout):
    assert 0 <= dropout <= 1
    if dropout == 1:
        return torch.zeros_like(X)
    if dropout == 0:
        return X
    mask = torch.bernoulli(torch.full(X.shape, 1 - dropout))
    return mask * X / (1.0 - dropout)


X = torch.arange(16, dtype=torch.float32).reshape((2, 8))
print(X)
print(dropout_layer(X, 0.))
print(dropout_layer(X, 0.5))
print(dropout_layer(X, 1.))
p = torch.rand(3, 4)
print(torch.bernoulli(p))
print(p.bernoulli())
w = torch.ones(5, requires_grad=True)
m = torch.bernoulli(torch.full((5,), 0.5))
(w * m).sum().backward()
print(w.grad)
