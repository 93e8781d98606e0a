"""miljomal: follow up local environmental objectives with indicators."""

__version__ = "0.1.0"
