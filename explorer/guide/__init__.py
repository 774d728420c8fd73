"""The first-run guide and the Help > Concepts pages."""
