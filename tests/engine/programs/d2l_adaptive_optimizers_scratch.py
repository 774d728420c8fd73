# d2l.ai, "Adagrad", "RMSProp" and "Adadelta" (d2l.ai/chapter_optimization/adagrad.html,
# rmsprop.html, adadelta.html): the updates from scratch on a small linear regression, the 2-D
# traces, and the from-scratch Adagrad/RMSProp next to torch.optim's.
import math

import torch
from torch import nn

torch.manual_seed(0)


def f_2d(x1, x2):
    return 0.1 * x1 ** 2 + 2 * x2 ** 2


def adagrad_2d(x1, x2, s1, s2):
    eps = 1e-6
    g1, g2 = 0.2 * x1, 4 * x2
    s1 += g1 ** 2
    s2 += g2 ** 2
    x1 -= eta / math.sqrt(s1 + eps) * g1
    x2 -= eta / math.sqrt(s2 + eps) * g2
    return x1, x2, s1, s2


def rmsprop_2d(x1, x2, s1, s2):
    g1, g2, eps = 0.2 * x1, 4 * x2, 1e-6
    s1 = gamma * s1 + (1 - gamma) * g1 ** 2
    s2 = gamma * s2 + (1 - gamma) * g2 ** 2
    x1 -= eta / math.sqrt(s1 + eps) * g1
    x2 -= eta / math.sqrt(s2 + eps) * g2
    return x1, x2, s1, s2


def train_2d(trainer, steps=20):
    x1, x2, s1, s2 = -5, -2, 0, 0
    for i in range(steps):
        x1, x2, s1, s2 = trainer(x1, x2, s1, s2)
    print(f'epoch {i + 1}, x1: {float(x1):f}, x2: {float(x2):f}')


eta = 0.4
train_2d(adagrad_2d)
eta = 2
train_2d(adagrad_2d)
eta, gamma = 0.4, 0.9
train_2d(rmsprop_2d)

# A small regression problem in place of the book's airfoil data.
features = torch.randn(40, 5)
labels = features @ torch.tensor([[1.0], [-2.0], [0.5], [3.0], [-1.0]]) + 0.1 * torch.randn(40, 1)
feature_dim = features.shape[1]


def init_adagrad_states(feature_dim):
    s_w = torch.zeros((feature_dim, 1))
    s_b = torch.zeros(1)
    return (s_w, s_b)


def adagrad(params, states, hyperparams):
    eps = 1e-6
    for p, s in zip(params, states):
        with torch.no_grad():
            s[:] += torch.square(p.grad)
            p[:] -= hyperparams['lr'] * p.grad / torch.sqrt(s + eps)
        p.grad.data.zero_()


def init_rmsprop_states(feature_dim):
    s_w = torch.zeros((feature_dim, 1))
    s_b = torch.zeros(1)
    return (s_w, s_b)


def rmsprop(params, states, hyper):
    gamma, eps = hyper['gamma'], 1e-6
    for p, s in zip(params, states):
        with torch.no_grad():
            s[:] = gamma * s + (1 - gamma) * torch.square(p.grad)
            p[:] -= hyper['lr'] * p.grad / torch.sqrt(s + eps)
        p.grad.data.zero_()


def init_adadelta_states(feature_dim):
    s_w, s_b = torch.zeros((feature_dim, 1)), torch.zeros(1)
    delta_w, delta_b = torch.zeros((feature_dim, 1)), torch.zeros(1)
    return ((s_w, delta_w), (s_b, delta_b))


def adadelta(params, states, hyperparams):
    rho, eps = hyperparams['rho'], 1e-5
    for p, (s, delta) in zip(params, states):
        with torch.no_grad():
            # In-place updates via [:]
            s[:] = rho * s + (1 - rho) * torch.square(p.grad)
            g = (torch.sqrt(delta + eps) / torch.sqrt(s + eps)) * p.grad
            p[:] -= g
            delta[:] = rho * delta + (1 - rho) * g * g
        p.grad.data.zero_()


def squared_loss(y_hat, y):
    return (y_hat - y.reshape(y_hat.shape)) ** 2 / 2


def train_ch11(trainer_fn, states, hyperparams, num_epochs=2, batch_size=10):
    torch.manual_seed(1)
    w = torch.normal(mean=0.0, std=0.01, size=(feature_dim, 1), requires_grad=True)
    b = torch.zeros((1), requires_grad=True)
    for _ in range(num_epochs):
        for i in range(0, len(features), batch_size):
            X, y = features[i:i + batch_size], labels[i:i + batch_size]
            l = squared_loss(X @ w + b, y).mean()
            l.backward()
            trainer_fn([w, b], states, hyperparams)
    loss = squared_loss(features @ w + b, labels).mean().item()
    print(f'loss: {loss:.6f}')
    return w, b


def train_concise_ch11(trainer_fn, hyperparams, num_epochs=2, batch_size=10):
    torch.manual_seed(1)
    net = nn.Sequential(nn.Linear(feature_dim, 1))
    with torch.no_grad():
        net[0].weight.copy_(torch.normal(mean=0.0, std=0.01, size=(feature_dim, 1)).T)
        net[0].bias.zero_()
    optimizer = trainer_fn(net.parameters(), **hyperparams)
    loss = nn.MSELoss(reduction='none')
    for _ in range(num_epochs):
        for i in range(0, len(features), batch_size):
            X, y = features[i:i + batch_size], labels[i:i + batch_size]
            optimizer.zero_grad()
            out = net(X)
            y = y.reshape(out.shape)
            l = loss(out, y)
            l.mean().backward()
            optimizer.step()
    print(f'loss: {loss(net(features), labels).mean().item() / 2:.6f}')
    return net


w, b = train_ch11(adagrad, init_adagrad_states(feature_dim), {'lr': 0.1})
print(w.detach().flatten(), b.detach())
net = train_concise_ch11(torch.optim.Adagrad, {'lr': 0.1})
print(net[0].weight.detach().flatten())

w, b = train_ch11(rmsprop, init_rmsprop_states(feature_dim), {'lr': 0.01, 'gamma': 0.9})
print(w.detach().flatten(), b.detach())
net = train_concise_ch11(torch.optim.RMSprop, {'lr': 0.01, 'alpha': 0.9})
print(net[0].weight.detach().flatten())

w, b = train_ch11(adadelta, init_adadelta_states(feature_dim), {'rho': 0.9})
print(w.detach().flatten(), b.detach())
