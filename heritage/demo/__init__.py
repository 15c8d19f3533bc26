"""Invented demo collections for heritage (see :mod:`heritage.demo.sources`)."""
from __future__ import annotations

from .sources import DemoCollection, latvian_citation, write_demo_sources

__all__ = ["DemoCollection", "write_demo_sources", "latvian_citation"]
