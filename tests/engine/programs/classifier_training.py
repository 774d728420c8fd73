# A small classifier: nn.Sequential, CrossEntropyLoss, SGD, accuracy with argmax, softmax output.
import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
X = torch.randn(40, 2)
y = ((X[:, 0] * X[:, 1]) > 0).long()
model = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 2))
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
print(loss_fn, model)
for epoch in range(60):
    logits = model(X)
    loss = loss_fn(logits, y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    if epoch % 20 == 19:
        acc = (logits.argmax(dim=1) == y).float().mean()
        print(epoch + 1, round(loss.item(), 4), acc.item())
print(loss.grad_fn, loss.grad_fn.next_functions)
probs = nn.Softmax(dim=1)(model(X[:3]))
print(probs, probs.sum(dim=1))
print(F.log_softmax(model(X[:2]), dim=1))
print(F.nll_loss(F.log_softmax(model(X[:4]), dim=1), y[:4]))
print(F.cross_entropy(model(X[:4]), y[:4], reduction='none'))
bce = nn.BCEWithLogitsLoss()
logit = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
target = torch.tensor([1.0, 0.0, 1.0])
l = bce(logit, target)
l.backward()
print(l, logit.grad)
p = torch.sigmoid(logit)
l2 = nn.BCELoss()(p, target)
print(l2, l2.grad_fn)
try:
    loss_fn(logits, torch.tensor([0, 5] * 20))
except IndexError as e:
    print(type(e).__name__, e)
