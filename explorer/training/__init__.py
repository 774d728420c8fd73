"""The training workbench: the tutorial's polynomial fit, run headless or live with plots."""
