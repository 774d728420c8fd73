# dragen1860/MAML-Pytorch (github.com/dragen1860/MAML-Pytorch, meta.py and learner.py): the
# Meta learner's forward, each task adapted by autograd.grad on the support set and fast weights
# `p - update_lr * grad`, the query losses summed over tasks and one Adam meta step; here on a
# functional two-layer Learner over random 8-dimensional "images" (3-way, 2-shot, 2 tasks),
# then the same with create_graph=True: second-order MAML, whose meta-gradient differs.
# ruff: noqa: C417, RUF007, RUF059, UP008 - the source's own style
import numpy as np
import torch
from torch import nn, optim
from torch.nn import functional as F


class Learner(nn.Module):
    """learner.py's idea: the parameters in a ParameterList, forward(x, vars) functional."""

    def __init__(self, dims):
        super(Learner, self).__init__()
        self.vars = nn.ParameterList()
        for d_in, d_out in zip(dims[:-1], dims[1:]):
            w = nn.Parameter(torch.ones(d_out, d_in))
            torch.nn.init.kaiming_normal_(w)
            self.vars.append(w)
            self.vars.append(nn.Parameter(torch.zeros(d_out)))

    def forward(self, x, vars=None, bn_training=True):
        if vars is None:
            vars = self.vars
        idx = 0
        n_layers = len(vars) // 2
        for layer in range(n_layers):
            w, b = vars[idx], vars[idx + 1]
            x = F.linear(x, w, b)
            if layer < n_layers - 1:
                x = F.relu(x, inplace=True)
            idx += 2
        return x

    def parameters(self):
        return self.vars


class Meta(nn.Module):
    def __init__(self, update_lr, meta_lr, update_step, second_order):
        super(Meta, self).__init__()
        self.update_lr = update_lr
        self.update_step = update_step
        self.second_order = second_order
        self.net = Learner([8, 16, 3])
        self.meta_optim = optim.Adam(self.net.parameters(), lr=meta_lr)

    def forward(self, x_spt, y_spt, x_qry, y_qry):
        task_num, setsz, dim = x_spt.size()
        querysz = x_qry.size(1)
        losses_q = [0 for _ in range(self.update_step + 1)]
        corrects = [0 for _ in range(self.update_step + 1)]
        for i in range(task_num):
            logits = self.net(x_spt[i], vars=None, bn_training=True)
            loss = F.cross_entropy(logits, y_spt[i])
            grad = torch.autograd.grad(loss, self.net.parameters(),
                                       create_graph=self.second_order)
            fast_weights = list(map(lambda p: p[1] - self.update_lr * p[0],
                                    zip(grad, self.net.parameters())))
            with torch.no_grad():
                logits_q = self.net(x_qry[i], self.net.parameters(), bn_training=True)
                loss_q = F.cross_entropy(logits_q, y_qry[i])
                losses_q[0] += loss_q
                pred_q = F.softmax(logits_q, dim=1).argmax(dim=1)
                corrects[0] = corrects[0] + torch.eq(pred_q, y_qry[i]).sum().item()
            with torch.no_grad():
                logits_q = self.net(x_qry[i], fast_weights, bn_training=True)
                loss_q = F.cross_entropy(logits_q, y_qry[i])
                losses_q[1] += loss_q
                pred_q = F.softmax(logits_q, dim=1).argmax(dim=1)
                corrects[1] = corrects[1] + torch.eq(pred_q, y_qry[i]).sum().item()
            for k in range(1, self.update_step):
                logits = self.net(x_spt[i], fast_weights, bn_training=True)
                loss = F.cross_entropy(logits, y_spt[i])
                grad = torch.autograd.grad(loss, fast_weights, create_graph=self.second_order)
                fast_weights = list(map(lambda p: p[1] - self.update_lr * p[0],
                                        zip(grad, fast_weights)))
                logits_q = self.net(x_qry[i], fast_weights, bn_training=True)
                loss_q = F.cross_entropy(logits_q, y_qry[i])
                losses_q[k + 1] += loss_q
                with torch.no_grad():
                    pred_q = F.softmax(logits_q, dim=1).argmax(dim=1)
                    corrects[k + 1] = corrects[k + 1] + torch.eq(pred_q, y_qry[i]).sum().item()
        loss_q = losses_q[-1] / task_num
        self.meta_optim.zero_grad()
        loss_q.backward()
        meta_grad = self.net.vars[0].grad.clone()
        self.meta_optim.step()
        accs = np.array(corrects) / (querysz * task_num)
        return accs, loss_q, meta_grad


torch.manual_seed(0)
x_spt = torch.randn(2, 6, 8)
y_spt = torch.tensor([[0, 0, 1, 1, 2, 2], [2, 1, 0, 2, 1, 0]])
x_qry = x_spt + 0.3 * torch.randn(2, 6, 8)
y_qry = y_spt.clone()

for second_order in (False, True):
    torch.manual_seed(1)
    maml = Meta(update_lr=0.4, meta_lr=1e-3, update_step=3, second_order=second_order)
    for step in range(2):
        accs, loss_q, meta_grad = maml(x_spt, y_spt, x_qry, y_qry)
        print(second_order, step, accs, round(loss_q.item(), 5), loss_q.grad_fn)
    print(meta_grad[0, :4])
    print(maml.net.vars[3])
