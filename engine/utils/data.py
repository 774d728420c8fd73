"""`engine.utils.data`: Dataset, TensorDataset and DataLoader, as textbook training loops use them.

A shuffling DataLoader draws its order as PyTorch's RandomSampler does (a seed from the global
generator for each epoch, then randperm with a generator seeded by it), so a program seeded
with manual_seed sees the same batches as under PyTorch.
"""
from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from typing import Any

from engine import factories, generator
from engine.tensor import Tensor

__all__ = [
    "DataLoader", "Dataset", "RandomSampler", "SequentialSampler", "TensorDataset",
    "default_collate",
]


class Dataset:
    """The base of map-style datasets: subclasses define __getitem__ and __len__."""

    def __getitem__(self, index: int) -> Any:
        raise NotImplementedError("Subclasses of Dataset should implement __getitem__.")


class TensorDataset(Dataset):
    """Samples are the rows of the given tensors: ``dataset[i] == (t[i] for t in tensors)``."""

    def __init__(self, *tensors: Tensor) -> None:
        if any(t.size(0) != tensors[0].size(0) for t in tensors):
            raise AssertionError("Size mismatch between tensors")
        self.tensors = tensors

    def __getitem__(self, index):
        return tuple(t[index] for t in self.tensors)

    def __len__(self) -> int:
        return self.tensors[0].size(0)


def default_collate(batch: Sequence) -> Any:
    """Stack a list of samples into a batch: tensors stacked, numbers made tensors, tuples
    collated field by field."""
    first = batch[0]
    if isinstance(first, Tensor):
        from engine.ops.shape import stack

        return stack(list(batch), 0)
    if isinstance(first, bool) or not isinstance(first, (int, float, tuple, list, dict)):
        if isinstance(first, bool):
            return factories.tensor(list(batch))
        raise TypeError(
            "default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; "
            f"found {type(first)}"
        )
    if isinstance(first, float):
        from engine import dtypes

        return factories.tensor(list(batch), dtype=dtypes.float64)
    if isinstance(first, int):
        return factories.tensor(list(batch))
    if isinstance(first, dict):
        return {key: default_collate([sample[key] for sample in batch]) for key in first}
    # Tuples and lists of fields become a list of batched fields, as in PyTorch.
    return [default_collate(list(field)) for field in zip(*batch)]


def _random_seed(gen) -> int:
    """`torch.empty((), dtype=torch.int64).random_(generator=gen)`: 64 random bits mod 2**63."""
    return int(gen._u64(1)[0] % (1 << 63))


class SequentialSampler:
    """The indices 0 .. len(data_source) - 1, in order."""

    def __init__(self, data_source) -> None:
        self.data_source = data_source

    def __iter__(self) -> Iterator[int]:
        return iter(range(len(self.data_source)))

    def __len__(self) -> int:
        return len(self.data_source)


class RandomSampler:
    """A permutation of the indices, drawn as PyTorch draws it: without a generator, a seed from
    the global generator (random_() on an int64 scalar), then randperm with a generator seeded
    by it."""

    def __init__(self, data_source, replacement: bool = False, num_samples: int | None = None,
                 generator=None) -> None:
        if replacement or num_samples is not None:
            raise NotImplementedError("RandomSampler draws one permutation in this engine")
        self.data_source = data_source
        self.replacement = replacement
        self.generator = generator

    def __iter__(self) -> Iterator[int]:
        gen = self.generator
        if gen is None:
            gen = generator.Generator(_random_seed(generator.default))
        return iter([int(i) for i in gen.permutation(len(self.data_source))])

    def __len__(self) -> int:
        return len(self.data_source)


class DataLoader:
    """Batches of a dataset, in order or shuffled; ``len(loader)`` is the number of batches."""

    def __init__(self, dataset, batch_size: int | None = 1, shuffle: bool | None = None,
                 sampler=None, batch_sampler=None, num_workers: int = 0, collate_fn=None,
                 pin_memory: bool = False, drop_last: bool = False, timeout: float = 0,
                 worker_init_fn=None, generator=None, **kwargs) -> None:
        if batch_sampler is not None:
            raise NotImplementedError("batch samplers are not supported by this engine")
        if sampler is not None and shuffle:
            raise ValueError("sampler option is mutually exclusive with shuffle")
        if batch_size is not None and (isinstance(batch_size, bool) or batch_size <= 0):
            raise ValueError(
                f"batch_size should be a positive integer value, but got batch_size={batch_size}"
            )
        self.dataset = dataset
        self.batch_size = batch_size
        self.shuffle = bool(shuffle)
        self.drop_last = drop_last
        self.collate_fn = collate_fn or default_collate
        self.generator = generator
        self.num_workers = num_workers
        if sampler is None:
            sampler = RandomSampler(dataset, generator=generator) if shuffle else (
                SequentialSampler(dataset))
        self.sampler = sampler

    def _order(self) -> list[int]:
        return [int(i) for i in self.sampler]

    def __iter__(self) -> Iterator:
        # Every new iterator draws a base seed for its workers first, as PyTorch's does.
        _random_seed(self.generator or generator.default)
        return self._batches()

    def _batches(self) -> Iterator:
        order = self._order()
        if self.batch_size is None:
            for i in order:
                yield self.dataset[i]
            return
        for start in range(0, len(order), self.batch_size):
            chunk = order[start : start + self.batch_size]
            if len(chunk) < self.batch_size and self.drop_last:
                return
            if isinstance(self.dataset, TensorDataset) and self.collate_fn is default_collate:
                index = factories.tensor(chunk)
                yield [t[index] for t in self.dataset.tensors]
            else:
                yield self.collate_fn([self.dataset[i] for i in chunk])

    def __len__(self) -> int:
        n = len(self.sampler)
        if self.batch_size is None:
            return n
        return n // self.batch_size if self.drop_last else math.ceil(n / self.batch_size)
