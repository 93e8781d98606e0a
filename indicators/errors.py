"""The root of every error the indicators package raises.

Subclasses live beside the code that raises them and carry a one-line readable message.
"""


class IndicatorError(Exception):
    """Something about indicators, their values or their files went wrong."""
