"""Painel: today's sales by hour, the last 30 days, and what customers can still spend.

Three QtCharts: a bar chart of today's sales per local hour; a line chart of the
sales, the cashback earned and the cashback spent per day over 30 days; a line
chart of the liability (cashback plus open vouchers) at the end of each day.
The figures come from `services.dashboard` off the GUI thread; the charts show
reais (centavos / 100: a plotted value, never money kept). Managers and admins
only: the shell shows the button to them alone and the service checks again.
A button opens the CSV import and export.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QPainter, QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from posapp.services.cash.dashboard import Dashboard, dashboard
from posapp.ui.context import UiContext
from posapp.ui.formatting import money
from posapp.ui.imports.panel import ImportExportDialog, error_text
from posapp.ui.runner import Jobs

W = TypeVar("W", bound=QWidget)


def _named(widget: W, name: str) -> W:
    widget.setObjectName(name)
    return widget


def reais(centavos: int) -> float:
    """For plotting only."""
    return centavos / 100


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setMargins(QMargins(4, 4, 4, 4))
    return chart


def _upright(axis: QBarCategoryAxis) -> QBarCategoryAxis:
    """Day and hour labels standing up, small: 24 hours or 30 days fit a 1024 px screen
    whole (lying down, Qt cuts each to "…")."""
    axis.setLabelsAngle(-90)
    font = axis.labelsFont()
    font.setPointSize(8)
    axis.setLabelsFont(font)
    return axis


def _view(chart: QChart, name: str) -> QChartView:
    view = _named(QChartView(chart), name)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(220)
    return view


class DashboardScreen(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardScreen")
        self.context = context
        self.lang = context.locale
        self.zone = context.settings.timezone
        self.jobs = Jobs(self, self._failed)
        self.board: Dashboard | None = None
        self.import_dialog: ImportExportDialog | None = None

        self.headline = _named(QLabel(""), "dashboardHeadline")
        self.message = _named(QLabel(""), "dashboardMessage")
        self.refresh_button = _named(QPushButton(self.tr("Atualizar")), "dashboardRefresh")
        self.import_button = _named(
            QPushButton(self.tr("Importar / exportar CSV…")), "dashboardImport"
        )
        self.refresh_button.clicked.connect(self.load)
        self.import_button.clicked.connect(self.open_import)

        # today by hour
        self.hour_set = QBarSet(self.tr("Vendas (R$)"))
        self.hour_series = QBarSeries()
        self.hour_series.append(self.hour_set)
        self.hours_chart = _chart(self.tr("Vendas de hoje por hora"))
        self.hours_chart.addSeries(self.hour_series)
        self.hour_axis = _upright(QBarCategoryAxis())
        self.hour_axis.append([f"{h:02d}" for h in range(24)])
        self.hours_value_axis = QValueAxis()
        self.hours_value_axis.setLabelFormat("%.0f")
        self._attach(self.hours_chart, self.hour_series, self.hour_axis, self.hours_value_axis)
        self.hours_chart.legend().setVisible(False)

        # 30 days: sales, earned, spent
        self.sales_series = _named_series(self.tr("Vendas (R$)"))
        self.earned_series = _named_series(self.tr("Cashback ganho (R$)"))
        self.spent_series = _named_series(self.tr("Cashback usado (R$)"))
        self.days_chart = _chart(self.tr("Últimos 30 dias"))
        self.days_axis = _upright(QBarCategoryAxis())
        self.days_value_axis = QValueAxis()
        self.days_value_axis.setLabelFormat("%.0f")
        for series in (self.sales_series, self.earned_series, self.spent_series):
            self.days_chart.addSeries(series)
        self.days_chart.addAxis(self.days_axis, Qt.AlignmentFlag.AlignBottom)
        self.days_chart.addAxis(self.days_value_axis, Qt.AlignmentFlag.AlignLeft)
        for series in (self.sales_series, self.earned_series, self.spent_series):
            series.attachAxis(self.days_axis)
            series.attachAxis(self.days_value_axis)

        # liability
        self.liability_series = _named_series(self.tr("Cashback + vales em aberto (R$)"))
        self.liability_chart = _chart(self.tr("Saldo a resgatar pelos clientes"))
        self.liability_axis = _upright(QBarCategoryAxis())
        self.liability_value_axis = QValueAxis()
        self.liability_value_axis.setLabelFormat("%.0f")
        self._attach(
            self.liability_chart,
            self.liability_series,
            self.liability_axis,
            self.liability_value_axis,
        )

        top = QHBoxLayout()
        top.addWidget(self.headline, 1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.import_button)
        grid = QGridLayout()
        grid.addWidget(_view(self.hours_chart, "hoursChart"), 0, 0)
        grid.addWidget(_view(self.liability_chart, "liabilityChart"), 0, 1)
        grid.addWidget(_view(self.days_chart, "daysChart"), 1, 0, 1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addLayout(grid, 1)
        context.events.sale_committed.connect(lambda _sale_id: self._refresh_if_visible())

    @staticmethod
    def _attach(
        chart: QChart, series: QBarSeries | QLineSeries, x: QBarCategoryAxis, y: QValueAxis
    ) -> None:
        chart.addSeries(series)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)

    def idle(self) -> bool:
        return self.jobs.idle()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.load()

    def _refresh_if_visible(self) -> None:
        if self.isVisible():
            self.load()

    def load(self) -> None:
        staff = self.context.staff
        if staff is None or not staff.is_manager:
            self.message.setText(self.tr("O painel é só para gerentes."))
            return
        station, zone, staff_id = self.context.station, self.zone, staff.id
        self.jobs.run(lambda: dashboard(station, zone, staff_id=staff_id), self.show_board)

    def show_board(self, board: Dashboard) -> None:
        self.board = board
        self.message.setText("")
        self.headline.setText(
            self.tr("Hoje: %n venda(s), %1", "", board.today_sales).replace(
                "%1", money(board.today_total, self.lang)
            )
        )
        # bars
        self.hour_set.remove(0, self.hour_set.count())
        self.hour_set.append([reais(h.total) for h in board.hours])
        self.hours_value_axis.setRange(0, _top(reais(h.total) for h in board.hours))
        # lines
        labels = [d.day.strftime("%d/%m") for d in board.days]
        for axis in (self.days_axis, self.liability_axis):
            axis.clear()
            axis.append(labels)
        self.sales_series.replace([_point(i, d.total) for i, d in enumerate(board.days)])
        self.earned_series.replace([_point(i, d.earned) for i, d in enumerate(board.days)])
        self.spent_series.replace([_point(i, d.spent) for i, d in enumerate(board.days)])
        self.liability_series.replace([_point(i, d.liability) for i, d in enumerate(board.days)])
        self.days_value_axis.setRange(
            0,
            _top(reais(v) for d in board.days for v in (d.total, d.earned, d.spent)),
        )
        self.liability_value_axis.setRange(0, _top(reais(d.liability) for d in board.days))

    def open_import(self) -> None:
        if self.import_dialog is None:
            self.import_dialog = ImportExportDialog(self.context, self)
            self.import_dialog.panel.finished.connect(self.load)
        self.import_dialog.open()

    def _failed(self, error: Exception) -> None:
        self.message.setText(error_text(error, self.lang))


def _named_series(name: str) -> QLineSeries:
    series = QLineSeries()
    series.setName(name)
    return series


def _point(index: int, centavos: int) -> QPointF:
    return QPointF(index, reais(centavos))


def _top(values: Iterable[float]) -> float:
    """The top of a value axis: the highest value plus a tenth, at least 10."""
    return max(10.0, max(values, default=0.0) * 1.1)
