"""pyqtgraph's own right-click menu on the workbench's plots (View All, the X and Y axes, the mouse
mode, Export...) in the interface's language.

pyqtgraph passes its menu and export-dialog texts through QCoreApplication.translate with its own
contexts (ViewBox, Form, GraphicsScene, Exporter). The marks below bring those texts into our
catalogue, so that our .qm translates them like our own. The few texts pyqtgraph writes without
translate (the export dialog's list of items) are replaced when the dialog opens. pyqtgraph's
"Plot Options" submenu is left off: its transforms, averaging and downsampling would fight the
ranges and the thinning the workbench keeps. pyqtgraph 0.14's SVG exporter fails on every plot
with this Qt (it cannot read the closing "Z" Qt now writes in paths), so SVG is written by
`SvgExporter`, which paints the plot into Qt's SVG generator as the PNG exporter paints an image.
"""

from __future__ import annotations

import pyqtgraph as pg
from pyqtgraph.exporters import CSVExporter, Exporter, ImageExporter
from pyqtgraph.parametertree import Parameter
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRect, QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QTreeWidgetItem


class SvgExporter(Exporter):
    """The plot (or the whole scene) as an SVG drawing, in the size it has on screen."""

    Name = "Scalable Vector Graphics (SVG)"  # pyqtgraph's name, so its translation applies
    allowCopy = False

    def __init__(self, item: object) -> None:
        super().__init__(item)
        self.params = Parameter.create(name="params", type="group", children=[
            {"name": "background", "title": QCoreApplication.translate("Exporter", "background"),
             "type": "color", "value": pg.mkColor("w")},
        ])

    def parameters(self) -> Parameter:
        return self.params

    def export(self, fileName: str | None = None, toBytes: bool = False, copy: bool = False
               ) -> None:
        if fileName is None:
            name = QCoreApplication.translate("Exporter", "Scalable Vector Graphics")
            self.fileSaveDialog(filter=f"{name} (*.svg)")
            return
        target = self.getTargetRect()
        generator = QSvgGenerator()
        generator.setFileName(fileName)
        generator.setSize(QSize(target.width(), target.height()))
        generator.setViewBox(QRect(0, 0, target.width(), target.height()))
        generator.setResolution(self.getScene().views()[0].logicalDpiX())
        painter = QPainter(generator)
        try:
            painter.fillRect(QRectF(0, 0, target.width(), target.height()),
                             self.params["background"])
            self.setExportMode(True, {"antialias": True, "painter": painter,
                                      "background": self.params["background"]})
            self.getScene().render(painter, QRectF(0, 0, target.width(), target.height()),
                                   QRectF(self.getSourceRect()))
        finally:
            self.setExportMode(False)
            painter.end()


EXPORT_DIALOG_SIZE = QSize(420, 560)
# The exporters offered: a picture, a drawing and the numbers (pyqtgraph also lists a Matplotlib
# window, which needs matplotlib and saves nothing).
EXPORTERS = (ImageExporter, SvgExporter, CSVExporter)

PYQTGRAPH_TEXTS = (
    QT_TRANSLATE_NOOP("ViewBox", "View All"),
    QT_TRANSLATE_NOOP("ViewBox", "axis"),
    QT_TRANSLATE_NOOP("ViewBox", "Mouse Mode"),
    QT_TRANSLATE_NOOP("ViewBox", "3 button"),
    QT_TRANSLATE_NOOP("ViewBox", "1 button"),
    QT_TRANSLATE_NOOP("GraphicsScene", "Export..."),
    # An axis's submenu.
    QT_TRANSLATE_NOOP("Form", "Link Axis:"),
    QT_TRANSLATE_NOOP("Form", "Auto"),
    QT_TRANSLATE_NOOP("Form", "Manual"),
    QT_TRANSLATE_NOOP("Form", "Invert Axis"),
    QT_TRANSLATE_NOOP("Form", "Mouse Enabled"),
    QT_TRANSLATE_NOOP("Form", "Visible Data Only"),
    QT_TRANSLATE_NOOP("Form", "Auto Pan Only"),
    QT_TRANSLATE_NOOP(
        "Form",
        "<html><head/><body><p>Links this axis with another view. When linked, both views will "
        "display the same data range.</p></body></html>",
    ),
    QT_TRANSLATE_NOOP(
        "Form",
        "<html><head/><body><p>Percent of data to be visible when auto-scaling. It may be useful "
        "to decrease this value for data with spiky noise.</p></body></html>",
    ),
    QT_TRANSLATE_NOOP(
        "Form",
        "<html><head/><body><p>Automatically resize this axis whenever the displayed data is "
        "changed.</p></body></html>",
    ),
    QT_TRANSLATE_NOOP(
        "Form",
        "<html><head/><body><p>Set the range for this axis manually. This disables automatic "
        "scaling. </p></body></html>",
    ),
    QT_TRANSLATE_NOOP(
        "Form", "<html><head/><body><p>Minimum value to display for this axis.</p></body></html>"
    ),
    QT_TRANSLATE_NOOP(
        "Form", "<html><head/><body><p>Maximum value to display for this axis.</p></body></html>"
    ),
    QT_TRANSLATE_NOOP(
        "Form",
        "<html><head/><body><p>Inverts the display of this axis. (+y points downward instead of "
        "upward)</p></body></html>",
    ),
    QT_TRANSLATE_NOOP(
        "Form",
        "<html><head/><body><p>Enables mouse interaction (panning, scaling) for this axis."
        "</p></body></html>",
    ),
    QT_TRANSLATE_NOOP(
        "Form",
        "<html><head/><body><p>When checked, the axis will only auto-scale to data that is "
        "visible along the orthogonal axis.</p></body></html>",
    ),
    QT_TRANSLATE_NOOP(
        "Form",
        "<html><head/><body><p>When checked, the axis will automatically pan to center on the "
        "current data, but the scale along this axis will not change.</p></body></html>",
    ),
    # The export dialog.
    QT_TRANSLATE_NOOP("Form", "Export"),
    QT_TRANSLATE_NOOP("Form", "Item to export:"),
    QT_TRANSLATE_NOOP("Form", "Export format"),
    QT_TRANSLATE_NOOP("Form", "Export options"),
    QT_TRANSLATE_NOOP("Form", "Copy"),
    QT_TRANSLATE_NOOP("Form", "Close"),
    QT_TRANSLATE_NOOP("Exporter", "Image File (PNG, TIF, JPG, ...)"),
    QT_TRANSLATE_NOOP("Exporter", "Scalable Vector Graphics (SVG)"),
    QT_TRANSLATE_NOOP("Exporter", "Scalable Vector Graphics"),
    QT_TRANSLATE_NOOP("Exporter", "CSV of original plot data"),
    QT_TRANSLATE_NOOP("Exporter", "width"),
    QT_TRANSLATE_NOOP("Exporter", "height"),
    QT_TRANSLATE_NOOP("Exporter", "antialias"),
    QT_TRANSLATE_NOOP("Exporter", "background"),
    QT_TRANSLATE_NOOP("Exporter", "invertValue"),
    QT_TRANSLATE_NOOP("Exporter", "scaling stroke"),
    QT_TRANSLATE_NOOP("Exporter", "separator"),
    QT_TRANSLATE_NOOP("Exporter", "precision"),
    QT_TRANSLATE_NOOP("Exporter", "columnMode"),
)

# Texts pyqtgraph's export dialog writes as they are; translated here when it opens.
DIALOG_TEXTS = {
    "Entire Scene": QT_TRANSLATE_NOOP("PlotExportDialog", "Entire Scene"),
    "Plot": QT_TRANSLATE_NOOP("PlotExportDialog", "Plot"),
    "ViewBox": QT_TRANSLATE_NOOP("PlotExportDialog", "ViewBox"),
}


def install(widget: pg.PlotWidget) -> None:
    """Turn on pyqtgraph's right-click menu of `widget`, without its Plot Options submenu."""
    Exporter.Exporters[:] = EXPORTERS
    widget.getPlotItem().setMenuEnabled(False, enableViewBoxMenu=True)
    scene = widget.scene()
    # Runs after pyqtgraph's own slot, which makes the dialog and fills its item list.
    scene.contextMenu[0].triggered.connect(lambda: prepare_export_dialog(scene))


def prepare_export_dialog(scene: pg.GraphicsScene) -> None:
    """Translate what pyqtgraph's export dialog writes as it is, and give its options room."""
    dialog = scene.exportDialog
    if dialog is None:
        return
    tree = dialog.ui.itemTree
    for index in range(tree.topLevelItemCount()):
        _translate_items(tree.topLevelItem(index))
    if not getattr(dialog, "prepared", False):
        dialog.prepared = True
        # pyqtgraph's 240 x 370 px shows one option; its "params" group heads them in English.
        # The two short lists get a row each, the options the rest.
        layout = dialog.ui.gridLayout
        for row, stretch in ((1, 1), (3, 1), (5, 3)):
            layout.setRowStretch(row, stretch)
        size = dialog.size().expandedTo(EXPORT_DIALOG_SIZE)
        screen = dialog.screen()
        if screen is not None:
            size = size.boundedTo(screen.availableGeometry().size() - QSize(8, 40))
        dialog.resize(size)
        if screen is not None:
            frame = dialog.frameGeometry()
            frame.moveCenter(screen.availableGeometry().center())
            dialog.move(frame.topLeft())
        dialog.ui.formatList.currentItemChanged.connect(lambda: _options_without_group(dialog))
    _options_without_group(dialog)


def _options_without_group(dialog: object) -> None:
    exporter = dialog.currentExporter
    if exporter is not None and exporter.parameters() is not None:
        dialog.ui.paramTree.setParameters(exporter.parameters(), showTop=False)


def _translate_items(item: QTreeWidgetItem) -> None:
    item.setText(0, _dialog_text(item.text(0)))
    for index in range(item.childCount()):
        _translate_items(item.child(index))


def _dialog_text(text: str) -> str:
    source = DIALOG_TEXTS.get(text)
    return text if source is None else QCoreApplication.translate("PlotExportDialog", source)
