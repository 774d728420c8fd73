"""Code in the window: add_code_command.py (the undoable command that adds imported
nodes) and code_actions.py (the menu entries, expression bar and paste); the Qt-free
code import and export live in explorer/core/codegen/."""
