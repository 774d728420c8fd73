# ikostrikov/pytorch-trpo (github.com/ikostrikov/pytorch-trpo, utils.py and trpo.py): a model's
# parameters as one flat vector, Fisher-vector products by double backward, conjugate gradients
# and a backtracking line search; here on a small Gaussian policy with random states, next to
# torch.nn.utils.parameters_to_vector / vector_to_parameters.
import numpy as np
import torch
from torch import nn
from torch.nn.utils import parameters_to_vector, vector_to_parameters

torch.manual_seed(0)


def get_flat_params_from(model):
    params = []
    for param in model.parameters():
        params.append(param.data.view(-1))

    flat_params = torch.cat(params)
    return flat_params


def set_flat_params_to(model, flat_params):
    prev_ind = 0
    for param in model.parameters():
        flat_size = int(np.prod(list(param.size())))
        param.data.copy_(
            flat_params[prev_ind:prev_ind + flat_size].view(param.size()))
        prev_ind += flat_size


def conjugate_gradients(Avp, b, nsteps, residual_tol=1e-10):
    x = torch.zeros(b.size())
    r = b.clone()
    p = b.clone()
    rdotr = torch.dot(r, r)
    for i in range(nsteps):
        _Avp = Avp(p)
        alpha = rdotr / torch.dot(p, _Avp)
        x += alpha * p
        r -= alpha * _Avp
        new_rdotr = torch.dot(r, r)
        betta = new_rdotr / rdotr
        p = r + betta * p
        rdotr = new_rdotr
        if rdotr < residual_tol:
            break
    return x


def linesearch(model, f, x, fullstep, expected_improve_rate, max_backtracks=10,
               accept_ratio=.1):
    fval = f(True).data
    print("fval before", fval.item())
    for (_n_backtracks, stepfrac) in enumerate(.5**np.arange(max_backtracks)):
        xnew = x + stepfrac * fullstep
        set_flat_params_to(model, xnew)
        newfval = f(True).data
        actual_improve = fval - newfval
        expected_improve = expected_improve_rate * stepfrac
        ratio = actual_improve / expected_improve
        print("a/e/r", actual_improve.item(), expected_improve.item(), ratio.item())

        if ratio.item() > accept_ratio and actual_improve.item() > 0:
            print("fval after", newfval.item())
            return True, xnew
    return False, x


class Policy(nn.Module):
    def __init__(self, num_inputs, num_outputs):
        super().__init__()
        self.affine1 = nn.Linear(num_inputs, 16)
        self.action_mean = nn.Linear(16, num_outputs)
        self.action_mean.weight.data.mul_(0.1)
        self.action_mean.bias.data.mul_(0.0)
        self.action_log_std = nn.Parameter(torch.zeros(1, num_outputs))

    def forward(self, x):
        x = torch.tanh(self.affine1(x))
        action_mean = self.action_mean(x)
        action_log_std = self.action_log_std.expand_as(action_mean)
        action_std = torch.exp(action_log_std)
        return action_mean, action_log_std, action_std


def normal_log_density(x, mean, log_std, std):
    var = std.pow(2)
    log_density = -(x - mean).pow(2) / (
        2 * var) - 0.5 * np.log(2 * np.pi) - log_std
    return log_density.sum(1, keepdim=True)


policy_net = Policy(4, 2)
states = torch.randn(24, 4)
actions = torch.randn(24, 2)
advantages = torch.randn(24, 1)
advantages = (advantages - advantages.mean()) / advantages.std()

flat = get_flat_params_from(policy_net)
vec = parameters_to_vector(policy_net.parameters())
print(flat.shape, torch.equal(flat, vec.detach()), vec.requires_grad, vec.grad_fn is not None)

action_means, action_log_stds, action_stds = policy_net(states)
fixed_log_prob = normal_log_density(actions, action_means, action_log_stds,
                                    action_stds).data.clone()


def get_loss(volatile=False):
    with torch.set_grad_enabled(not volatile):
        action_means, action_log_stds, action_stds = policy_net(states)
        log_prob = normal_log_density(actions, action_means, action_log_stds, action_stds)
        action_loss = -advantages * torch.exp(log_prob - fixed_log_prob)
        return action_loss.mean()


def get_kl():
    mean1, log_std1, std1 = policy_net(states)

    mean0 = mean1.detach()
    log_std0 = log_std1.detach()
    std0 = std1.detach()
    kl = log_std1 - log_std0 + (std0.pow(2) + (mean0 - mean1).pow(2)) / (2.0 * std1.pow(2)) - 0.5
    return kl.sum(1, keepdim=True)


max_kl, damping = 1e-2, 1e-1
loss = get_loss()
grads = torch.autograd.grad(loss, policy_net.parameters())
loss_grad = torch.cat([grad.view(-1) for grad in grads]).data
print("loss", loss.item(), "grad norm", loss_grad.norm().item())


def Fvp(v):
    kl = get_kl()
    kl = kl.mean()

    grads = torch.autograd.grad(kl, policy_net.parameters(), create_graph=True)
    flat_grad_kl = torch.cat([grad.view(-1) for grad in grads])

    kl_v = (flat_grad_kl * v).sum()
    grads = torch.autograd.grad(kl_v, policy_net.parameters())
    flat_grad_grad_kl = torch.cat([grad.contiguous().view(-1) for grad in grads]).data

    return flat_grad_grad_kl + v * damping


stepdir = conjugate_gradients(Fvp, -loss_grad, 10)
print("stepdir", stepdir[:4], stepdir.norm().item())
print("Fvp check", (Fvp(stepdir) + loss_grad).abs().max().item() < 1e-3)

shs = 0.5 * (stepdir * Fvp(stepdir)).sum(0, keepdim=True)

lm = torch.sqrt(shs / max_kl)
fullstep = stepdir / lm[0]

neggdotstepdir = (-loss_grad * stepdir).sum(0, keepdim=True)
print(("lagrange multiplier:", lm[0].item(), "grad_norm:", loss_grad.norm().item()))

prev_params = get_flat_params_from(policy_net)
success, new_params = linesearch(policy_net, get_loss, prev_params, fullstep,
                                 neggdotstepdir / lm[0])
set_flat_params_to(policy_net, new_params)
print(success, (new_params - prev_params).norm().item())

# The same round trip through torch.nn.utils.
vector_to_parameters(prev_params, policy_net.parameters())
print(torch.equal(parameters_to_vector(policy_net.parameters()).detach(), prev_params))
print(policy_net.action_log_std)
try:
    vector_to_parameters([0.0], policy_net.parameters())
except TypeError as e:
    print("TypeError:", e)
