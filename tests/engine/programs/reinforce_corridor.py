# REINFORCE (the policy gradient of PyTorch's examples/reinforcement_learning/reinforce.py) on a
# hand-made corridor: start in cell 0, step left or right; each step costs 0.1, reaching cell 3
# pays 1.
import torch
import torch.nn.functional as F
from torch import nn, optim
from torch.distributions import Categorical

torch.manual_seed(543)
N_CELLS, MAX_STEPS, GAMMA = 4, 8, 0.9
eps = torch.finfo(torch.float32).eps


class Policy(nn.Module):
    def __init__(self):
        super().__init__()
        self.affine1 = nn.Linear(N_CELLS, 16)
        self.affine2 = nn.Linear(16, 2)
        self.saved_log_probs = []
        self.rewards = []

    def forward(self, x):
        x = F.relu(self.affine1(x))
        return F.softmax(self.affine2(x), dim=1)


def observe(cell):
    return F.one_hot(torch.tensor(cell), N_CELLS).float()


policy = Policy()
optimizer = optim.Adam(policy.parameters(), lr=1e-2)


def select_action(state):
    probs = policy(state.unsqueeze(0))
    m = Categorical(probs)
    action = m.sample()
    policy.saved_log_probs.append(m.log_prob(action))
    return action.item(), m


def finish_episode():
    R = 0
    returns = []
    for r in policy.rewards[::-1]:
        R = r + GAMMA * R
        returns.insert(0, R)
    returns = torch.tensor(returns)
    returns = (returns - returns.mean()) / (returns.std() + eps)
    policy_loss = []
    for log_prob, R in zip(policy.saved_log_probs, returns):
        policy_loss.append(-log_prob * R)
    optimizer.zero_grad()
    policy_loss = torch.cat(policy_loss).sum()
    policy_loss.backward()
    optimizer.step()
    del policy.rewards[:]
    del policy.saved_log_probs[:]
    return policy_loss


for episode in range(1, 7):
    cell, actions = 0, []
    for t in range(MAX_STEPS):
        action, m = select_action(observe(cell))
        actions.append(action)
        cell = max(0, cell + (1 if action == 1 else -1))
        done = cell == N_CELLS - 1
        policy.rewards.append(1.0 if done else -0.1)
        if done:
            break
    loss = finish_episode()
    print(f"episode {episode}: actions {actions}, reached the goal: {cell == N_CELLS - 1}")
    print("  loss", loss, "entropy", m.entropy())

print(m)
print(m.probs)
print(policy.affine2.bias.grad)
