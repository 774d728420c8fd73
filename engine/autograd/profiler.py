"""`torch.autograd.profiler.profile` and `record_function`: which ops ran and for how long.

The profile listens to engine.observer for its block: every forward op becomes an event named
as PyTorch names it (`aten::mul`), every backward node one named after the node; an op's time
is the wall time since the previous event. `key_averages().table()` prints PyTorch's columns.
"""
from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass

from engine import observer


@dataclass
class FunctionEvent:
    name: str
    cpu_time_total: float  # microseconds, as PyTorch reports them
    count: int = 1

    @property
    def self_cpu_time_total(self) -> float:
        return self.cpu_time_total

    @property
    def cpu_time(self) -> float:
        return self.cpu_time_total / self.count

    @property
    def key(self) -> str:
        return self.name


class EventList(list):
    """Events, with PyTorch's summaries."""

    def key_averages(self, group_by_input_shape: bool = False) -> EventList:
        groups: OrderedDict[str, FunctionEvent] = OrderedDict()
        for e in self:
            g = groups.get(e.name)
            if g is None:
                groups[e.name] = FunctionEvent(e.name, e.cpu_time_total, e.count)
            else:
                g.cpu_time_total += e.cpu_time_total
                g.count += e.count
        return EventList(groups.values())

    @property
    def self_cpu_time_total(self) -> float:
        return sum(e.cpu_time_total for e in self)

    def table(self, sort_by: str | None = None, row_limit: int = 100, **kwargs) -> str:
        rows = list(self)
        if sort_by is not None:
            key = sort_by.replace("self_", "")
            rows.sort(key=lambda e: -getattr(e, key, e.cpu_time_total))
        rows = rows[:row_limit] if row_limit and row_limit > 0 else rows
        total = self.self_cpu_time_total or 1.0
        width = max([len("Name"), *(len(e.name) for e in rows)])
        heads = ["Self CPU %", "Self CPU", "CPU total %", "CPU total", "CPU time avg",
                 "# of Calls"]
        rule = "-" * width + "  " + "  ".join("-" * 12 for _ in heads) + "  "
        lines = [rule, f"{'Name':>{width}}  " + "  ".join(f"{h:>12}" for h in heads) + "  ", rule]
        for e in rows:
            share = f"{100 * e.cpu_time_total / total:.2f}%"
            cells = [share, _us(e.cpu_time_total), share, _us(e.cpu_time_total),
                     _us(e.cpu_time), str(e.count)]
            lines.append(f"{e.name:>{width}}  " + "  ".join(f"{c:>12}" for c in cells) + "  ")
        lines += [rule, f"Self CPU time total: {_us(total)}", ""]
        return "\n".join(lines)


def _us(microseconds: float) -> str:
    if microseconds >= 1000:
        return f"{microseconds / 1000:.3f}ms"
    return f"{microseconds:.3f}us"


class profile:
    """Record the ops run inside the block (`with profile() as prof: ...`)."""

    def __init__(self, enabled: bool = True, **options) -> None:
        self.enabled = enabled
        self.function_events = EventList()
        self._handle = None
        self._last = 0.0

    def __enter__(self):
        if self.enabled:
            self._last = time.perf_counter()
            self._handle = observer.listen(self._on_event)
            _active.append(self)
        return self

    def __exit__(self, *exc) -> None:
        if self._handle is not None:
            observer.unlisten(self._handle)
            _active.remove(self)
            self._handle = None

    def _on_event(self, event) -> None:
        now = time.perf_counter()
        if isinstance(event, observer.ForwardEvent):
            name = "aten::" + event.op
        elif isinstance(event, observer.BackwardEvent):
            name = event.node.name()
        else:
            name = "torch::autograd::AccumulateGrad"
        self.add(name, (now - self._last) * 1e6)
        self._last = now

    def add(self, name: str, microseconds: float) -> None:
        self.function_events.append(FunctionEvent(name, microseconds))

    def key_averages(self, group_by_input_shape: bool = False) -> EventList:
        return self.function_events.key_averages()

    def table(self, **kwargs) -> str:
        return self.function_events.table(**kwargs)

    @property
    def self_cpu_time_total(self) -> float:
        return self.function_events.self_cpu_time_total


_active: list[profile] = []


class record_function:
    """A labelled range: the block's wall time, as one event in every active profile."""

    def __init__(self, name: str, args: str | None = None) -> None:
        self.name = name

    def __enter__(self):
        self._start = time.perf_counter()
        return self

    def __exit__(self, *exc) -> None:
        elapsed = (time.perf_counter() - self._start) * 1e6
        for prof in _active:
            prof.add(self.name, elapsed)
