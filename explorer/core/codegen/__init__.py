"""Code in and code out: PyTorch text <-> graph documents.

expression.py (the expression bar's language), snippet_import.py (a program -> graph
through an `ast` whitelist, nothing executed), pytorch_export.py (graph -> runnable
PyTorch program), run_cli.py (`autograd-explorer run FILE`), additions.py (what to add,
applied in one go), backward_plan.py (an imported program's backward calls).
"""
