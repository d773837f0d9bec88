"""Painel: the manager's charts (QtCharts)."""
