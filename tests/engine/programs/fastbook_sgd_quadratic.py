# fast.ai, "Deep Learning for Coders" (fastbook), chapter 4 "Under the Hood: Training a Digit
# Classifier" (github.com/fastai/fastbook/blob/master/04_mnist_basics.ipynb): calculating
# gradients, the end-to-end SGD example on a roller coaster's speed, and the MNIST loss function.
# fastai's `tensor` is torch.tensor here; printing replaces the notebook's displayed values.
import torch
from torch import tensor


def f(x): return x**2


xt = tensor(3.).requires_grad_()
yt = f(xt)
print(yt)
yt.backward()
print(xt.grad)

xt = tensor([3., 4., 10.]).requires_grad_()
print(xt)


def f(x): return (x**2).sum()


yt = f(xt)
print(yt)
yt.backward()
print(xt.grad)

# An end-to-end SGD example
torch.manual_seed(42)
time = torch.arange(0, 20).float()
print(time)
speed = torch.randn(20)*3 + 0.75*(time-9.5)**2 + 1


def f(t, params):
    a, b, c = params
    return a*(t**2) + (b*t) + c


def mse(preds, targets): return ((preds-targets)**2).mean()


params = torch.randn(3).requires_grad_()
orig_params = params.clone()
preds = f(time, params)
loss = mse(preds, speed)
print(loss)
loss.backward()
print(params.grad)
print(params.grad * 1e-5)
print(params)
lr = 1e-5
params.data -= lr * params.grad.data
params.grad = None
preds = f(time, params)
print(mse(preds, speed))


def apply_step(params, prn=True):
    preds = f(time, params)
    loss = mse(preds, speed)
    loss.backward()
    params.data -= lr * params.grad.data
    params.grad = None
    if prn: print(loss.item())
    return preds


for i in range(10): apply_step(params)
params = orig_params.detach().requires_grad_()
print(params)

# The MNIST loss function, on its three-example check and on random "images"
trgts = tensor([1, 0, 1])
prds = tensor([0.9, 0.4, 0.2])
print(torch.where(trgts == 1, 1-prds, prds))
print(torch.where(trgts == 1, 1-prds, prds).mean())


def mnist_loss(predictions, targets):
    predictions = predictions.sigmoid()
    return torch.where(targets == 1, 1-predictions, predictions).mean()


def init_params(size, std=1.0): return (torch.randn(size)*std).requires_grad_()


weights = init_params((28*28, 1))
bias = init_params(1)
train_x = torch.rand(64, 28*28)
train_y = (train_x[:, :392].mean(1) > train_x[:, 392:].mean(1)).float().unsqueeze(1)


def linear1(xb): return xb@weights + bias


def calc_grad(xb, yb, model):
    preds = model(xb)
    loss = mnist_loss(preds, yb)
    loss.backward()


calc_grad(train_x[:4], train_y[:4], linear1)
print(weights.grad.mean(), bias.grad)
calc_grad(train_x[:4], train_y[:4], linear1)
print(weights.grad.mean(), bias.grad)
weights.grad.zero_()
bias.grad.zero_()


def batch_accuracy(xb, yb):
    preds = xb.sigmoid()
    correct = (preds > 0.5) == yb
    return correct.float().mean()


print(batch_accuracy(linear1(train_x[:4]), train_y[:4]))


def train_epoch(model, lr, params):
    for xb, yb in zip(train_x.split(16), train_y.split(16)):
        calc_grad(xb, yb, model)
        for p in params:
            p.data -= p.grad*lr
            p.grad.zero_()


def validate_epoch(model):
    accs = [batch_accuracy(model(xb), yb) for xb, yb in zip(train_x.split(16), train_y.split(16))]
    return round(torch.stack(accs).mean().item(), 4)


lr = 1.
params = weights, bias
print(validate_epoch(linear1))
for i in range(10):
    train_epoch(linear1, lr, params)
    print(validate_epoch(linear1), end=' ')
print()
