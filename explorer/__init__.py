"""autograd-explorer: the PySide6 application that makes automatic differentiation visible."""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("autograd-explorer")   # the one source: pyproject.toml's version
except PackageNotFoundError:   # a checkout on sys.path, never installed
    __version__ = "0+unknown"
