# Optimizers side by side on one loss, learning-rate schedulers, optimizer state_dict.
import torch


def train(make_opt, make_sched=None, steps=6):
    torch.manual_seed(0)
    w = torch.nn.Parameter(torch.randn(3))
    opt = make_opt([w])
    sched = make_sched(opt) if make_sched else None
    lrs = []
    for _ in range(steps):
        loss = ((w - 1) ** 2).sum() + 0.1 * w.abs().sum()
        opt.zero_grad()
        loss.backward()
        opt.step()
        if sched:
            sched.step()
            lrs.append(round(sched.get_last_lr()[0], 6))
    return w.detach(), round(loss.item(), 5), lrs


O = torch.optim
S = torch.optim.lr_scheduler
for name, make in [("SGD", lambda p: O.SGD(p, lr=0.1)),
                   ("SGD momentum", lambda p: O.SGD(p, lr=0.1, momentum=0.9)),
                   ("SGD nesterov", lambda p: O.SGD(p, lr=0.1, momentum=0.9, nesterov=True)),
                   ("SGD weight_decay", lambda p: O.SGD(p, lr=0.1, weight_decay=0.01)),
                   ("Adam", lambda p: O.Adam(p, lr=0.1)),
                   ("Adam amsgrad", lambda p: O.Adam(p, lr=0.1, amsgrad=True)),
                   ("AdamW", lambda p: O.AdamW(p, lr=0.1)),
                   ("Adagrad", lambda p: O.Adagrad(p, lr=0.5)),
                   ("RMSprop", lambda p: O.RMSprop(p, lr=0.01))]:
    print(name, *train(make))
for name, make in [("StepLR", lambda o: S.StepLR(o, step_size=2, gamma=0.5)),
                   ("MultiStepLR", lambda o: S.MultiStepLR(o, milestones=[1, 4], gamma=0.1)),
                   ("ExponentialLR", lambda o: S.ExponentialLR(o, gamma=0.9)),
                   ("LambdaLR", lambda o: S.LambdaLR(o, lambda epoch: 1 / (epoch + 1))),
                   ("CosineAnnealingLR", lambda o: S.CosineAnnealingLR(o, T_max=4))]:
    print(name, *train(lambda p: O.SGD(p, lr=0.1), make))
w = torch.nn.Parameter(torch.ones(2))
opt = O.Adam([w], lr=0.01)
(w * w).sum().backward()
opt.step()
sd = opt.state_dict()
print(sd["param_groups"])
print(sd["state"][0]["step"], sd["state"][0]["exp_avg"])
print(opt)
