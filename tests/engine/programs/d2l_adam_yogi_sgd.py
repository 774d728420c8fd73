# d2l.ai, "Stochastic Gradient Descent" (d2l.ai/chapter_optimization/sgd.html) and "Adam"
# (d2l.ai/chapter_optimization/adam.html): SGD with a noisy gradient on f = x1^2 + 2 x2^2
# under constant, exponential and polynomial learning rates (d2l.train_2d inlined), then Adam
# and Yogi written from scratch with train_ch11's linear regression loop and checked against
# torch.optim.Adam. The airfoil data set is replaced by 300 random standardised rows.
import math

import torch
from torch import nn
from torch.utils import data

torch.manual_seed(0)


def f(x1, x2):  # Objective function
    return x1 ** 2 + 2 * x2 ** 2


def f_grad(x1, x2):  # Gradient of the objective function
    return 2 * x1, 4 * x2


def sgd(x1, x2, s1, s2, f_grad):
    g1, g2 = f_grad(x1, x2)
    # Simulate noisy gradient
    g1 += torch.normal(0.0, 1, (1,)).item()
    g2 += torch.normal(0.0, 1, (1,)).item()
    eta_t = eta * lr()
    return (x1 - eta_t * g1, x2 - eta_t * g2, 0, 0)


def train_2d(trainer, steps=20, f_grad=None):
    """Optimize a 2D objective function with a customized trainer."""
    # `s1` and `s2` are internal state variables that will be used in Momentum, adagrad, RMSProp
    x1, x2, s1, s2 = -5, -2, 0, 0
    results = [(x1, x2)]
    for i in range(steps):
        if f_grad:
            x1, x2, s1, s2 = trainer(x1, x2, s1, s2, f_grad)
        else:
            x1, x2, s1, s2 = trainer(x1, x2, s1, s2)
        results.append((x1, x2))
    print(f'epoch {i + 1}, x1: {float(x1):f}, x2: {float(x2):f}')
    return results


def constant_lr():
    return 1


eta = 0.1
lr = constant_lr  # Constant learning rate
train_2d(sgd, steps=50, f_grad=f_grad)


def exponential_lr():
    # Global variable that is defined outside this function and updated inside
    global t
    t += 1
    return math.exp(-0.1 * t)


t = 1
lr = exponential_lr
train_2d(sgd, steps=1000, f_grad=f_grad)


def polynomial_lr():
    # Global variable that is defined outside this function and updated inside
    global t
    t += 1
    return (1 + 0.1 * t) ** (-0.5)


t = 1
lr = polynomial_lr
train_2d(sgd, steps=50, f_grad=f_grad)

# Adam
features = torch.randn(300, 5)
labels = features @ torch.tensor([1.5, -2.0, 0.5, 0.0, 3.0]) + 0.1 * torch.randn(300)
data_ = torch.cat([features, labels.reshape(-1, 1)], 1)
data_ = (data_ - data_.mean(axis=0)) / data_.std(axis=0)


def get_data_ch11(batch_size=10, n=300):
    dataset = data.TensorDataset(data_[:n, :-1], data_[:n, -1])
    return data.DataLoader(dataset, batch_size, shuffle=True), data_.shape[1] - 1


def linreg(X, w, b):
    return torch.matmul(X, w) + b


def squared_loss(y_hat, y):
    return (y_hat - y.reshape(y_hat.shape)) ** 2 / 2


def evaluate_loss(net, data_iter, loss):
    metric = [0.0, 0]
    for X, y in data_iter:
        out = net(X)
        l = loss(out, y.reshape(out.shape))
        metric = [metric[0] + float(l.sum()), metric[1] + l.numel()]
    return metric[0] / metric[1]


def train_ch11(trainer_fn, states, hyperparams, data_iter, feature_dim, num_epochs=2):
    # Initialization
    w = torch.normal(mean=0.0, std=0.01, size=(feature_dim, 1), requires_grad=True)
    b = torch.zeros((1), requires_grad=True)
    net, loss = lambda X: linreg(X, w, b), squared_loss
    # Train
    n = 0
    for _ in range(num_epochs):
        for X, y in data_iter:
            l = loss(net(X), y).mean()
            l.backward()
            trainer_fn([w, b], states, hyperparams)
            n += X.shape[0]
            if n % 200 == 0:
                print(f'  {n / X.shape[0] / len(data_iter):.2f} epochs, '
                      f'loss {evaluate_loss(net, data_iter, squared_loss):.4f}')
    print(f'loss: {evaluate_loss(net, data_iter, squared_loss):.3f}')
    return w, b


def init_adam_states(feature_dim):
    v_w, v_b = torch.zeros((feature_dim, 1)), torch.zeros(1)
    s_w, s_b = torch.zeros((feature_dim, 1)), torch.zeros(1)
    return ((v_w, s_w), (v_b, s_b))


def adam(params, states, hyperparams):
    beta1, beta2, eps = 0.9, 0.999, 1e-6
    for p, (v, s) in zip(params, states):
        with torch.no_grad():
            v[:] = beta1 * v + (1 - beta1) * p.grad
            s[:] = beta2 * s + (1 - beta2) * torch.square(p.grad)
            v_bias_corr = v / (1 - beta1 ** hyperparams['t'])
            s_bias_corr = s / (1 - beta2 ** hyperparams['t'])
            p[:] -= hyperparams['lr'] * v_bias_corr / (torch.sqrt(s_bias_corr) + eps)
        p.grad.data.zero_()
    hyperparams['t'] += 1


data_iter, feature_dim = get_data_ch11(batch_size=10)
w, b = train_ch11(adam, init_adam_states(feature_dim), {'lr': 0.01, 't': 1}, data_iter,
                  feature_dim)
print(w.reshape(-1), b)


def train_concise_ch11(trainer_fn, hyperparams, data_iter, num_epochs=2):
    # Initialization
    net = nn.Sequential(nn.Linear(5, 1))

    def init_weights(module):
        if type(module) == nn.Linear:
            torch.nn.init.normal_(module.weight, std=0.01)
    net.apply(init_weights)

    optimizer = trainer_fn(net.parameters(), **hyperparams)
    loss = nn.MSELoss(reduction='none')
    n = 0
    for _ in range(num_epochs):
        for X, y in data_iter:
            optimizer.zero_grad()
            out = net(X)
            y = y.reshape(out.shape)
            l = loss(out, y)
            l.mean().backward()
            optimizer.step()
            n += X.shape[0]
            if n % 200 == 0:
                print(f'  {n / X.shape[0] / len(data_iter):.2f} epochs, '
                      f'loss {evaluate_loss(net, data_iter, loss) / 2:.4f}')
    print(f'loss: {evaluate_loss(net, data_iter, loss) / 2:.3f}')


trainer = torch.optim.Adam
train_concise_ch11(trainer, {'lr': 0.01}, data_iter)


def yogi(params, states, hyperparams):
    beta1, beta2, eps = 0.9, 0.999, 1e-3
    for p, (v, s) in zip(params, states):
        with torch.no_grad():
            v[:] = beta1 * v + (1 - beta1) * p.grad
            s[:] = s + (1 - beta2) * torch.sign(
                torch.square(p.grad) - s) * torch.square(p.grad)
            v_bias_corr = v / (1 - beta1 ** hyperparams['t'])
            s_bias_corr = s / (1 - beta2 ** hyperparams['t'])
            p[:] -= hyperparams['lr'] * v_bias_corr / (torch.sqrt(s_bias_corr) + eps)
        p.grad.data.zero_()
    hyperparams['t'] += 1


data_iter, _ = get_data_ch11(batch_size=10)
w, b = train_ch11(yogi, init_adam_states(feature_dim), {'lr': 0.01, 't': 1}, data_iter,
                  feature_dim)
print(w.reshape(-1), b)
