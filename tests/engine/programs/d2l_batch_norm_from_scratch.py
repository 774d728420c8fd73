# d2l.ai, "Batch Normalization" (chapter_convolutional-modern/batch-norm.html): the layer written
# by hand (moving statistics updated with momentum), checked against nn.BatchNorm1d on a batch.
import torch
from torch import nn


def batch_norm(X, gamma, beta, moving_mean, moving_var, eps, momentum):
    if not torch.is_grad_enabled():
        X_hat = (X - moving_mean) / torch.sqrt(moving_var + eps)
    else:
        assert len(X.shape) in (2, 4)
        if len(X.shape) == 2:
            mean = X.mean(dim=0)
            var = ((X - mean) ** 2).mean(dim=0)
        else:
            mean = X.mean(dim=(0, 2, 3), keepdim=True)
            var = ((X - mean) ** 2).mean(dim=(0, 2, 3), keepdim=True)
        X_hat = (X - mean) / torch.sqrt(var + eps)
        moving_mean = (1.0 - momentum) * moving_mean + momentum * mean
        moving_var = (1.0 - momentum) * moving_var + momentum * var
    Y = gamma * X_hat + beta
    return Y, moving_mean.data, moving_var.data


torch.manual_seed(0)
X = torch.randn(8, 4) * 3 + 1
gamma, beta = torch.ones(4, requires_grad=True), torch.zeros(4, requires_grad=True)
Y, mm, mv = batch_norm(X, gamma, beta, torch.zeros(4), torch.ones(4), 1e-5, 0.1)
print(Y.mean(dim=0), Y.std(dim=0, unbiased=False))
print(mm, mv)
bn = nn.BatchNorm1d(4)
Z = bn(X)
print(torch.allclose(Y, Z, atol=1e-5))
print(bn.running_mean, bn.running_var)
print(bn.num_batches_tracked)
(Z * torch.arange(32.).view(8, 4)).sum().backward()
print(bn.weight.grad, bn.bias.grad)
