# CS231n assignment 3, "Network_Visualization.ipynb" / net_visualization_pytorch.py
# (cs231n.github.io/assignments2022/assignment3/): compute_saliency_maps (gather the correct
# class scores, backward, max of |grad| over channels), make_fooling_image (normalised
# gradient ascent through .data until the model says target_y), jitter and
# class_visualization_update_step with the per-channel clamp, written as students'
# solutions usually are. The pretrained SqueezeNet and ImageNet images are replaced by a
# seeded small CNN and random 3x32x32 images; the blur step (scipy) is left out.
# ruff: noqa: PLR0402 - the source's own style
import random

import torch
import torch.nn as nn

SQUEEZENET_MEAN = torch.tensor([0.485, 0.456, 0.406], dtype=torch.float)
SQUEEZENET_STD = torch.tensor([0.229, 0.224, 0.225], dtype=torch.float)
dtype = torch.FloatTensor
torch.manual_seed(0)
random.seed(0)

model = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                      nn.Linear(8 * 16 * 16, 10))
for param in model.parameters():
    param.requires_grad = False


def compute_saliency_maps(X, y, model):
    # Make sure the model is in "test" mode
    model.eval()

    # Make input tensor require gradient
    X.requires_grad_()

    saliency = None
    scores = model(X)
    scores = scores.gather(1, y.view(-1, 1)).squeeze()
    scores.backward(torch.ones(scores.shape))
    saliency, _ = torch.max(X.grad.abs(), dim=1)
    return saliency


def make_fooling_image(X, target_y, model):
    # Initialize our fooling image to the input image, and make it require gradient
    X_fooling = X.clone()
    X_fooling = X_fooling.requires_grad_()

    learning_rate = 1
    for i in range(100):
        scores = model(X_fooling)
        _, idx = scores.max(1)
        if idx == target_y:
            print('fooled after', i, 'steps')
            break
        score = scores[0, target_y]
        score.backward()
        grad = X_fooling.grad.data
        X_fooling.data += learning_rate * (grad / grad.norm())
        X_fooling.grad.zero_()
    return X_fooling


def class_visualization_update_step(img, model, target_y, l2_reg, learning_rate):
    score = model(img)[0, target_y] - l2_reg * img.norm() ** 2
    score.backward()
    img.data += learning_rate * img.grad.data / img.grad.data.norm()
    img.grad.data.zero_()


def jitter(X, ox, oy):
    """
    Helper function to randomly jitter an image.
    """
    if ox != 0:
        left = X[:, :, :, :-ox]
        right = X[:, :, :, -ox:]
        X = torch.cat([right, left], dim=3)
    if oy != 0:
        top = X[:, :, :-oy]
        bottom = X[:, :, -oy:]
        X = torch.cat([bottom, top], dim=2)
    return X


X = torch.randn(5, 3, 32, 32)
y = torch.tensor([0, 3, 5, 7, 9])
saliency = compute_saliency_maps(X, y, model)
print(saliency.shape, saliency.sum(dim=(1, 2)), saliency[0, 0, :5])
print(X.grad.shape, X.is_leaf, X.requires_grad)

idx = 0
target_y = 6
X_fooling = make_fooling_image(X[idx:idx + 1].detach(), target_y, model)
scores = model(X_fooling)
assert target_y == scores.data.max(1)[1][0].item(), 'The model is not fooled!'
print((X_fooling - X[idx:idx + 1]).abs().max(), X_fooling.grad.abs().sum())


def create_class_visualization(target_y, model, dtype, **kwargs):
    model.type(dtype)
    l2_reg = kwargs.pop('l2_reg', 1e-3)
    learning_rate = kwargs.pop('learning_rate', 25)
    num_iterations = kwargs.pop('num_iterations', 100)
    max_jitter = kwargs.pop('max_jitter', 16)

    # Randomly initialize the image as a PyTorch Tensor, and make it requires gradient.
    img = torch.randn(1, 3, 32, 32).mul_(1.0).type(dtype).requires_grad_()

    for t in range(num_iterations):
        # Randomly jitter the image a bit; this gives slightly nicer results
        ox, oy = random.randint(0, max_jitter), random.randint(0, max_jitter)
        img.data.copy_(jitter(img.data, ox, oy))
        class_visualization_update_step(img, model, target_y, l2_reg, learning_rate)
        # Undo the random jitter
        img.data.copy_(jitter(img.data, -ox, -oy))

        # As regularizer, clamp and periodically blur the image
        for c in range(3):
            lo = float(-SQUEEZENET_MEAN[c] / SQUEEZENET_STD[c])
            hi = float((1.0 - SQUEEZENET_MEAN[c]) / SQUEEZENET_STD[c])
            img.data[:, c].clamp_(min=lo, max=hi)
        if t % 5 == 0:
            print(t, model(img)[0].argmax().item(), round(model(img)[0, target_y].item(), 4))
    return img.data


img = create_class_visualization(3, model, dtype, num_iterations=20, max_jitter=4)
print(img.shape, img.mean(), img.std(), img.min(), img.max())
