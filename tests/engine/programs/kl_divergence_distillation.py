# Knowledge distillation as in the PyTorch tutorial "Knowledge Distillation" (beginner/
# knowledge_distillation_tutorial.html): soft targets with temperature, KL divergence
# (batchmean) between student and teacher, mixed with the hard-label loss.
import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
teacher = nn.Linear(8, 4)
student = nn.Linear(8, 4)
x = torch.randn(6, 8)
labels = torch.tensor([0, 3, 1, 2, 2, 0])
T = 2.0
opt = torch.optim.SGD(student.parameters(), lr=0.1)
for step in range(4):
    with torch.no_grad():
        teacher_logits = teacher(x)
    student_logits = student(x)
    soft_targets = F.softmax(teacher_logits / T, dim=-1)
    soft_prob = F.log_softmax(student_logits / T, dim=-1)
    kd = F.kl_div(soft_prob, soft_targets, reduction="batchmean") * T ** 2
    ce = F.cross_entropy(student_logits, labels)
    loss = 0.25 * kd + 0.75 * ce
    opt.zero_grad()
    loss.backward()
    opt.step()
    print(step, round(kd.item(), 5), round(ce.item(), 5))
print(nn.KLDivLoss(reduction="sum", log_target=True)(soft_prob, soft_prob.detach()).item())
