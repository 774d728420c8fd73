"""The training workbench window: live plots, the worker process, the Training menu; the
presets and runner live in explorer/core/training/."""
