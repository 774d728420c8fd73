"""Dock panels of the main window: node palette, inspector, code view."""
