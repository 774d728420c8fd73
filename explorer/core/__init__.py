"""The explorer's Qt-free core: the document, the replay timeline and its explanations,
code import and export, the training presets and runner, the translate hook. Nothing here
imports Qt or the interface packages (an import-linter contract in pyproject.toml)."""
