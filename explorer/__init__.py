"""autograd-explorer: the PySide6 application that makes automatic differentiation visible."""
