"""The graph canvas: a QGraphicsScene that mirrors a GraphDocument, and the view that shows it."""
