# fungtion/DANN (github.com/fungtion/DANN, models/model.py and models/functions.py): the
# gradient reversal layer ReverseLayerF (identity forward, -alpha * grad backward) inside the
# CNNModel with its class and domain classifiers, for one training step on random MNIST-sized
# images; the alpha schedule and the losses of train/main.py. (BatchNorm1d after the linear
# layers, as the repository later changed them; batch of 4 instead of 128.)
# ruff: noqa: UP008 - the source's own style
import numpy as np
import torch
from torch import nn


class ReverseLayerF(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, alpha):
        ctx.alpha = alpha
        return x.view_as(x)

    @staticmethod
    def backward(ctx, grad_output):
        output = grad_output.neg() * ctx.alpha
        return output, None


class CNNModel(nn.Module):
    def __init__(self):
        super(CNNModel, self).__init__()
        self.feature = nn.Sequential()
        self.feature.add_module("f_conv1", nn.Conv2d(3, 64, kernel_size=5))
        self.feature.add_module("f_bn1", nn.BatchNorm2d(64))
        self.feature.add_module("f_pool1", nn.MaxPool2d(2))
        self.feature.add_module("f_relu1", nn.ReLU(True))
        self.feature.add_module("f_conv2", nn.Conv2d(64, 50, kernel_size=5))
        self.feature.add_module("f_bn2", nn.BatchNorm2d(50))
        self.feature.add_module("f_pool2", nn.MaxPool2d(2))
        self.feature.add_module("f_relu2", nn.ReLU(True))

        self.class_classifier = nn.Sequential()
        self.class_classifier.add_module("c_fc1", nn.Linear(50 * 4 * 4, 100))
        self.class_classifier.add_module("c_bn1", nn.BatchNorm1d(100))
        self.class_classifier.add_module("c_relu1", nn.ReLU(True))
        self.class_classifier.add_module("c_fc2", nn.Linear(100, 100))
        self.class_classifier.add_module("c_bn2", nn.BatchNorm1d(100))
        self.class_classifier.add_module("c_relu2", nn.ReLU(True))
        self.class_classifier.add_module("c_fc3", nn.Linear(100, 10))
        self.class_classifier.add_module("c_softmax", nn.LogSoftmax(dim=1))

        self.domain_classifier = nn.Sequential()
        self.domain_classifier.add_module("d_fc1", nn.Linear(50 * 4 * 4, 100))
        self.domain_classifier.add_module("d_bn1", nn.BatchNorm1d(100))
        self.domain_classifier.add_module("d_relu1", nn.ReLU(True))
        self.domain_classifier.add_module("d_fc2", nn.Linear(100, 2))
        self.domain_classifier.add_module("d_softmax", nn.LogSoftmax(dim=1))

    def forward(self, input_data, alpha):
        input_data = input_data.expand(input_data.data.shape[0], 3, 28, 28)
        feature = self.feature(input_data)
        feature = feature.view(-1, 50 * 4 * 4)
        reverse_feature = ReverseLayerF.apply(feature, alpha)
        class_output = self.class_classifier(feature)
        domain_output = self.domain_classifier(reverse_feature)
        return class_output, domain_output


# The gradient reversal on its own: identity forward, reversed and scaled gradient.
x = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
y = ReverseLayerF.apply(x, 0.5)
print(y, y.grad_fn.__class__.__name__)
(y * torch.tensor([1.0, 2.0, 3.0])).sum().backward()
print(x.grad)

torch.manual_seed(0)
my_net = CNNModel()
print(my_net.domain_classifier)
optimizer = torch.optim.Adam(my_net.parameters(), lr=1e-3)
loss_class = torch.nn.NLLLoss()
loss_domain = torch.nn.NLLLoss()

n_epoch, len_dataloader, epoch, i = 100, 10, 3, 2
p = float(i + epoch * len_dataloader) / n_epoch / len_dataloader
alpha = 2.0 / (1.0 + np.exp(-10 * p)) - 1
print(round(p, 4), round(alpha, 6))

s_img = torch.randn(4, 1, 28, 28)
s_label = torch.tensor([3, 1, 4, 1])
t_img = torch.randn(4, 1, 28, 28)
my_net.zero_grad()
class_output, domain_output = my_net(input_data=s_img, alpha=alpha)
err_s_label = loss_class(class_output, s_label)
err_s_domain = loss_domain(domain_output, torch.zeros(4).long())
_, domain_output = my_net(input_data=t_img, alpha=alpha)
err_t_domain = loss_domain(domain_output, torch.ones(4).long())
err = err_t_domain + err_s_domain + err_s_label
err.backward()
print(err_s_label.item(), err_s_domain.item(), err_t_domain.item())
print(my_net.feature.f_conv2.weight.grad[0, 0, 0], my_net.feature.f_bn2.weight.grad[:4])
print(my_net.domain_classifier.d_fc2.weight.grad[:, :4])
optimizer.step()
print(my_net.feature.f_bn1.running_mean[:4])

# Reversal check: the feature gradient from the domain loss alone flips sign with alpha.
feature = torch.randn(4, 800, requires_grad=True)
my_net.eval()
for a in (1.0, -1.0):
    feature.grad = None
    out = my_net.domain_classifier(ReverseLayerF.apply(feature, a))
    loss_domain(out, torch.tensor([0, 1, 0, 1])).backward()
    print(a, feature.grad[0, :3])
