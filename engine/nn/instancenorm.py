"""Instance normalisation: F.instance_norm and nn.InstanceNorm1d / InstanceNorm2d.

As ATen composes it: each sample's channels become the channels of one batch of one, which
batch_norm normalises (ViewBackward0, NativeBatchNormBackward0, ViewBackward0 in the graph);
weight, bias and running statistics are repeated per sample (RepeatBackward0), and the running
statistics then take the mean over the samples.
"""

from __future__ import annotations

import warnings

from engine.autograd.grad_mode import no_grad
from engine.nn.batchnorm import _BatchNorm
from engine.nn.normalization_functions import batch_norm
from engine.ops.dispatch import as_tensor_input


def instance_norm(input, running_mean=None, running_var=None, weight=None, bias=None,
                  use_input_stats: bool = True, momentum: float = 0.1, eps: float = 1e-5):
    x = as_tensor_input(input, "instance_norm")
    size = list(x.shape)
    if use_input_stats:
        spatial = 1
        for n in size[2:]:
            spatial *= n
        if spatial == 1:
            raise ValueError(
                f"Expected more than 1 spatial element when training, got input size {size}"
            )
    batch, channels = size[0], size[1]
    flat = x.contiguous().view([1, batch * channels, *size[2:]])

    def repeated(t):
        return None if t is None else t.repeat(batch)

    mean, var = repeated(running_mean), repeated(running_var)
    out = batch_norm(flat, mean, var, repeated(weight), repeated(bias), use_input_stats,
                     momentum, eps)
    with no_grad():
        for kept, moved in ((running_mean, mean), (running_var, var)):
            if kept is not None:
                kept.copy_(moved.view(batch, channels).mean(0))
    return out.view(size)


class _InstanceNorm(_BatchNorm):
    """PyTorch's _InstanceNorm: no affine parameters and no running statistics by default."""

    _no_batch_dims = 2

    def __init__(self, num_features: int, eps: float = 1e-5, momentum: float | None = 0.1,
                 affine: bool = False, track_running_stats: bool = False, device=None,
                 dtype=None) -> None:
        super().__init__(num_features, eps, momentum, affine, track_running_stats, device, dtype)

    def forward(self, input):
        self._check_input_dim(input)
        feature_dim = input.dim() - self._no_batch_dims
        if input.size(feature_dim) != self.num_features:
            if self.affine:
                raise ValueError(
                    f"expected input's size at dim={feature_dim} to match num_features "
                    f"({self.num_features}), but got: {input.size(feature_dim)}."
                )
            warnings.warn(
                f"input's size at dim={feature_dim} does not match num_features. You can "
                "silence this warning by not passing in num_features, which is not used "
                "because affine=False",
                stacklevel=2,
            )
        if input.dim() == self._no_batch_dims:
            return self._normalised(input.unsqueeze(0)).squeeze(0)
        return self._normalised(input)

    def _normalised(self, input):
        return instance_norm(
            input, self.running_mean, self.running_var, self.weight, self.bias,
            self.training or not self.track_running_stats,
            self.momentum if self.momentum is not None else 0.0, self.eps,
        )


class InstanceNorm1d(_InstanceNorm):
    """Over (N, C, L) input, or (C, L) unbatched."""

    _expected_dims = (2, 3)


class InstanceNorm2d(_InstanceNorm):
    """Over (N, C, H, W) input, or (C, H, W) unbatched."""

    _expected_dims = (3, 4)
    _no_batch_dims = 3
