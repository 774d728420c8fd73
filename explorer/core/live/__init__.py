"""Graphs of running code, without Qt: live tensors, recorded blocks and traced scripts.

`graph_builder` turns a tensor (the engine's or PyTorch's) and the observer events that made it
into a document and an evaluation holding what really ran; `recorder` captures forward ops and
backward calls; `tracer` runs a script with `import torch` resolving to the engine.
"""
