# clcarwin/focal_loss_pytorch (github.com/clcarwin/focal_loss_pytorch, focalloss.py and
# focalloss_test.py): the FocalLoss module in its original old-style code (Variable, .data,
# .type(), implicit-dim log_softmax), checked as its test does against CrossEntropyLoss for
# gamma = 0, then with gamma = 2 and a per-class alpha, on 2-D and N,C,H,W inputs; gradients.
# ruff: noqa: UP008 - the source's own style
import random

import torch
import torch.nn.functional as F
from torch import nn
from torch.autograd import Variable


class FocalLoss(nn.Module):
    def __init__(self, gamma=0, alpha=None, size_average=True):
        super(FocalLoss, self).__init__()
        self.gamma = gamma
        self.alpha = alpha
        if isinstance(alpha, (float, int)):
            self.alpha = torch.Tensor([alpha, 1 - alpha])
        if isinstance(alpha, list):
            self.alpha = torch.Tensor(alpha)
        self.size_average = size_average

    def forward(self, input, target):
        if input.dim() > 2:
            input = input.view(input.size(0), input.size(1), -1)  # N,C,H,W => N,C,H*W
            input = input.transpose(1, 2)  # N,C,H*W => N,H*W,C
            input = input.contiguous().view(-1, input.size(2))  # N,H*W,C => N*H*W,C
        target = target.view(-1, 1)

        logpt = F.log_softmax(input)
        logpt = logpt.gather(1, target)
        logpt = logpt.view(-1)
        pt = Variable(logpt.data.exp())

        if self.alpha is not None:
            if self.alpha.type() != input.data.type():
                self.alpha = self.alpha.type_as(input.data)
            at = self.alpha.gather(0, target.data.view(-1))
            logpt = logpt * Variable(at)

        loss = -1 * (1 - pt) ** self.gamma * logpt
        if self.size_average:
            return loss.mean()
        return loss.sum()


random.seed(0)
torch.manual_seed(0)
for i in range(5):
    x = torch.rand(64, 2) * random.randint(1, 10)
    x = Variable(x)
    l = torch.rand(64).ge(0.1).long()
    l = Variable(l)
    output0 = FocalLoss(gamma=0)(x, l)
    output1 = nn.CrossEntropyLoss()(x, l)
    a = output0.data.item()
    b = output1.data.item()
    print(i, round(a, 5), round(b, 5), abs(a - b) < 1e-5)

x = torch.randn(6, 3, requires_grad=True)
l = torch.tensor([0, 2, 1, 1, 0, 2])
for gamma, alpha in [(0, None), (2, None), (2, [0.25, 0.5, 0.25]), (1, 0.3)]:
    x.grad = None
    target = l.clamp(max=1) if isinstance(alpha, float) else l
    criterion = FocalLoss(gamma=gamma, alpha=alpha)
    loss = criterion(x, target)
    loss.backward()
    print(gamma, alpha, loss, criterion.alpha)
    print(x.grad)

x = torch.rand(2, 4, 3, 2) * 5
x.requires_grad_()
l = (torch.rand(2, 3, 2) * 4).long()
loss = FocalLoss(gamma=2, size_average=False)(x, l)
loss.backward()
print(loss)
print(x.grad[0, :, 0])
flat = x.detach().permute(0, 2, 3, 1).reshape(-1, 4)
print(torch.allclose(FocalLoss(gamma=0)(x, l), F.cross_entropy(flat, l.view(-1))))
