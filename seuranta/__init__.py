"""Seuranta: plan, monitor and report on a Finnish municipality's goals."""

__version__ = "0.1.0"
