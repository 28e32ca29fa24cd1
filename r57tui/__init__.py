"""r57tui: a terminal dashboard of Resolution 57-NQ/TW tasks for steering-committee meetings."""

__version__ = "0.1.0"
