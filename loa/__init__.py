"""Loa: Vietnamese law explainers for the Women's Union, as a static site."""

__version__ = "0.1.0"
