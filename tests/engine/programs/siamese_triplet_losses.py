# Adam Bielski, siamese-triplet (github.com/adambielski/siamese-triplet, losses.py and
# networks.py): the ContrastiveLoss and TripletLoss modules on a small embedding network, with
# squared distances and a margin through F.relu; losses and gradients for a few fixed pairs.
import torch
import torch.nn.functional as F
from torch import nn


class ContrastiveLoss(nn.Module):
    """Target 1 if the two samples are of the same class, 0 otherwise."""

    def __init__(self, margin):
        super().__init__()
        self.margin = margin

    def forward(self, output1, output2, target, size_average=True):
        distances = (output2 - output1).pow(2).sum(1)
        losses = 0.5 * (target.float() * distances
                        + (1 + -1 * target).float() * F.relu(self.margin - distances.sqrt()).pow(2))
        return losses.mean() if size_average else losses.sum()


class TripletLoss(nn.Module):
    def __init__(self, margin):
        super().__init__()
        self.margin = margin

    def forward(self, anchor, positive, negative, size_average=True):
        distance_positive = (anchor - positive).pow(2).sum(1)
        distance_negative = (anchor - negative).pow(2).sum(1)
        losses = F.relu(distance_positive - distance_negative + self.margin)
        return losses.mean() if size_average else losses.sum()


class EmbeddingNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Sequential(nn.Linear(6, 8), nn.PReLU(), nn.Linear(8, 8), nn.PReLU(),
                                nn.Linear(8, 2))

    def forward(self, x):
        return self.fc(x)

    def get_embedding(self, x):
        return self.forward(x)


class SiameseNet(nn.Module):
    def __init__(self, embedding_net):
        super().__init__()
        self.embedding_net = embedding_net

    def forward(self, x1, x2):
        return self.embedding_net(x1), self.embedding_net(x2)


class TripletNet(nn.Module):
    def __init__(self, embedding_net):
        super().__init__()
        self.embedding_net = embedding_net

    def forward(self, x1, x2, x3):
        return self.embedding_net(x1), self.embedding_net(x2), self.embedding_net(x3)


torch.manual_seed(0)
embedding_net = EmbeddingNet()
siamese = SiameseNet(embedding_net)
print(siamese)
x1, x2 = torch.randn(4, 6), torch.randn(4, 6)
target = torch.tensor([1, 0, 1, 0])
criterion = ContrastiveLoss(margin=1.0)
e1, e2 = siamese(x1, x2)
loss = criterion(e1, e2, target)
print(loss)
loss.backward()
print(embedding_net.fc[1].weight.grad, embedding_net.fc[4].bias.grad)
print(criterion(e1, e2, target, size_average=False).item())

triplet = TripletNet(embedding_net)
optimizer = torch.optim.Adam(embedding_net.parameters(), lr=1e-2)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, 8, gamma=0.1, last_epoch=-1)
a, p, n = torch.randn(5, 6), torch.randn(5, 6), torch.randn(5, 6)
criterion = TripletLoss(margin=1.0)
for epoch in range(3):
    optimizer.zero_grad()
    loss = criterion(*triplet(a, p, n))
    loss.backward()
    optimizer.step()
    scheduler.step()
    print(epoch, round(loss.item(), 5))
# (the last bias cancels in every distance: its gradient is rounding noise, which Adam scales up
# to full steps, so only distances are printed)
ea, ep, en = triplet(a, p, n)
print((ea - ep).pow(2).sum(1), (ea - en).pow(2).sum(1))
print(embedding_net.get_embedding(a[:2]) - embedding_net.fc[4].bias)
