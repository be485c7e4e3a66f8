"""microcred: an offline advisor for choosing a micro-credential."""

__version__ = "0.1.0"
