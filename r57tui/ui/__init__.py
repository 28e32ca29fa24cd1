"""The Textual interface: the only part of r57tui that imports textual."""
