"""Seuranta's pure-Python core: no Django imports anywhere below this package."""
