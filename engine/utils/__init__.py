"""`engine.utils`: the parts of torch.utils that textbook programs use (``utils.data``)."""

from engine.utils import data

__all__ = ["data"]
