# d2l.ai, "Working with Sequences" (d2l.ai/chapter_recurrent-neural-networks/sequence.html,
# "Sequence Models" in the 1st edition): a noisy sine, autoregressive features of the last
# tau = 4 values, an MLP trained with MSELoss(reduction='none') and Adam; one-step and
# multi-step predictions (the latter writing each prediction into a tensor that requires grad
# through index assignment). Smaller: T = 200 points, 3 epochs.
import torch
from torch import nn
from torch.utils import data

torch.manual_seed(0)
T = 200  # Generate a total of 200 points
time = torch.arange(1, T + 1, dtype=torch.float32)
x = torch.sin(0.01 * time * 5) + torch.normal(0, 0.2, (T,))
print(x[:8])

tau = 4
features = torch.zeros((T - tau, tau))
for i in range(tau):
    features[:, i] = x[i: T - tau + i]
labels = x[tau:].reshape((-1, 1))

batch_size, n_train = 16, 120


def load_array(data_arrays, batch_size, is_train=True):
    dataset = data.TensorDataset(*data_arrays)
    return data.DataLoader(dataset, batch_size, shuffle=is_train)


train_iter = load_array((features[:n_train], labels[:n_train]), batch_size, is_train=True)


# Function for initializing the weights of the network
def init_weights(m):
    if type(m) == nn.Linear:
        nn.init.xavier_uniform_(m.weight)


# A simple MLP
def get_net():
    net = nn.Sequential(nn.Linear(4, 10),
                        nn.ReLU(),
                        nn.Linear(10, 1))
    net.apply(init_weights)
    return net


# Note: `MSELoss` computes squared error without the 1/2 factor
loss = nn.MSELoss(reduction='none')


def evaluate_loss(net, data_iter, loss):
    """Evaluate the loss of a model on the given dataset."""
    metric = [0.0, 0]  # Sum of losses, no. of examples
    for X, y in data_iter:
        out = net(X)
        y = y.reshape(out.shape)
        l = loss(out, y)
        metric = [metric[0] + float(l.sum()), metric[1] + l.numel()]
    return metric[0] / metric[1]


def train(net, train_iter, loss, epochs, lr):
    trainer = torch.optim.Adam(net.parameters(), lr)
    for epoch in range(epochs):
        for X, y in train_iter:
            trainer.zero_grad()
            l = loss(net(X), y)
            l.sum().backward()
            trainer.step()
        print(f'epoch {epoch + 1}, '
              f'loss: {evaluate_loss(net, train_iter, loss):f}')


net = get_net()
train(net, train_iter, loss, 3, 0.01)

onestep_preds = net(features)
print(onestep_preds[:4], onestep_preds.shape)

multistep_preds = torch.zeros(T)
multistep_preds[: n_train + tau] = x[: n_train + tau]
for i in range(n_train + tau, T):
    multistep_preds[i] = net(
        multistep_preds[i - tau:i].reshape((1, -1)))
print(multistep_preds[n_train + tau - 2: n_train + tau + 6])
print(multistep_preds.grad_fn is not None, multistep_preds.requires_grad)

max_steps = 16
features = torch.zeros((T - tau - max_steps + 1, tau + max_steps))
# Column `i` (`i` < `tau`) are observations from `x` for time steps from
# `i` to `i + T - tau - max_steps + 1`
for i in range(tau):
    features[:, i] = x[i: i + T - tau - max_steps + 1]
# Column `i` (`i` >= `tau`) are the (`i - tau + 1`)-step-ahead predictions for
# time steps from `i` to `i + T - tau - max_steps + 1`
for i in range(tau, tau + max_steps):
    features[:, i] = net(features[:, i - tau:i]).reshape(-1)
steps = (1, 4, 16)
for i in steps:
    print(f'{i}-step preds', features[:3, tau + i - 1].detach())
