"""The editor's model, free of Qt: graph document, op catalog, evaluation, files, layout,
examples."""
