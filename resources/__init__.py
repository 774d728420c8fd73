"""Data installed as the package `explorer.resources` (see pyproject.toml): examples,
translations, icons, styles. Read it with explorer.resource_files.resource_path."""
