"""The training workbench window: live plots, the worker thread, the Training menu; the
presets and runner live in explorer/core/training/."""
