# Karpathy, pytorch-made (github.com/karpathy/pytorch-made, made.py): MaskedLinear (a mask
# buffer, set_mask through .data.copy_, F.linear with mask * weight), MADE with its
# NumPy-seeded masks and ensemble orderings, and the file's own test of the autoregressive
# property: backward from each output, which inputs got a non-zero gradient. Configs as in
# the file; the largest hidden sizes are halved.
# ruff: noqa: PLR0402, RUF007, UP031 - the source's own style
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class MaskedLinear(nn.Linear):
    """ same as Linear except has a configurable mask on the weights """

    def __init__(self, in_features, out_features, bias=True):
        super().__init__(in_features, out_features, bias)
        self.register_buffer('mask', torch.ones(out_features, in_features))

    def set_mask(self, mask):
        self.mask.data.copy_(torch.from_numpy(mask.astype(np.uint8).T))

    def forward(self, input):
        return F.linear(input, self.mask * self.weight, self.bias)


class MADE(nn.Module):
    def __init__(self, nin, hidden_sizes, nout, num_masks=1, natural_ordering=False):
        super().__init__()
        self.nin = nin
        self.nout = nout
        self.hidden_sizes = hidden_sizes
        assert self.nout % self.nin == 0, "nout must be integer multiple of nin"

        # define a simple MLP neural net
        self.net = []
        hs = [nin] + hidden_sizes + [nout]
        for h0, h1 in zip(hs, hs[1:]):
            self.net.extend([
                MaskedLinear(h0, h1),
                nn.ReLU(),
            ])
        self.net.pop()  # pop the last ReLU for the output layer
        self.net = nn.Sequential(*self.net)

        # seeds for orders/connectivities of the model ensemble
        self.natural_ordering = natural_ordering
        self.num_masks = num_masks
        self.seed = 0  # for cycling through num_masks orderings

        self.m = {}
        self.update_masks()  # builds the initial self.m connectivity

    def update_masks(self):
        if self.m and self.num_masks == 1:
            return  # only a single seed, skip for efficiency
        L = len(self.hidden_sizes)

        # fetch the next seed and construct a random stream
        rng = np.random.RandomState(self.seed)
        self.seed = (self.seed + 1) % self.num_masks

        # sample the order of the inputs and the connectivity of all neurons
        self.m[-1] = np.arange(self.nin) if self.natural_ordering else rng.permutation(self.nin)
        for l in range(L):
            self.m[l] = rng.randint(self.m[l - 1].min(), self.nin - 1, size=self.hidden_sizes[l])

        # construct the mask matrices
        masks = [self.m[l - 1][:, None] <= self.m[l][None, :] for l in range(L)]
        masks.append(self.m[L - 1][:, None] < self.m[-1][None, :])

        # handle the case where nout = nin * k, for integer k > 1
        if self.nout > self.nin:
            k = int(self.nout / self.nin)
            # replicate the mask across the other outputs
            masks[-1] = np.concatenate([masks[-1]] * k, axis=1)

        # set the masks in all MaskedLinear layers
        layers = [l for l in self.net.modules() if isinstance(l, MaskedLinear)]
        for l, m in zip(layers, masks):
            l.set_mask(m)

    def forward(self, x):
        return self.net(x)


torch.manual_seed(0)
# run a quick and dirty test for the autoregressive property
D = 10
rng = np.random.RandomState(14)
x = (rng.rand(1, D) > 0.5).astype(np.float32)

configs = [
    (D, [], D, False),                 # test various hidden sizes
    (D, [100], D, False),
    (D, [100, 110], D, False),
    (D, [100, 110, 115], D, False),
    (D, [100, 110], D, True),          # natural ordering test
    (D, [100, 110], 2 * D, True),      # test nout > nin
    (D, [100, 110], 3 * D, False),     # test nout > nin
]

for nin, hiddens, nout, natural_ordering in configs:

    print("checking nin %d, hiddens %s, nout %d, natural %s" %
          (nin, hiddens, nout, natural_ordering))
    model = MADE(nin, hiddens, nout, natural_ordering=natural_ordering)

    # run backpropagation for each dimension to compute what other
    # dimensions it depends on.
    res = []
    for k in range(nout):
        xtr = torch.from_numpy(x).requires_grad_(True)
        xtrhat = model(xtr)
        loss = xtrhat[0, k]
        loss.backward()

        depends = (xtr.grad[0].numpy() != 0).astype(np.uint8)
        depends_ix = [int(i) for i in np.where(depends)[0]]
        isok = k % nin not in depends_ix

        res.append((len(depends_ix), k, depends_ix, isok))

    # pretty print the dependencies
    res.sort()
    for nl, k, ix, isok in res:
        print("output %2d depends on inputs: %30s : %s" % (k, ix, "OK" if isok else "NOTOK"))

print(model.net[0].mask.dtype, model.net[0].mask.sum(), model.net[0].weight.grad.abs().sum())
print(model.net[0].weight.grad[model.net[0].mask == 0].abs().max())
