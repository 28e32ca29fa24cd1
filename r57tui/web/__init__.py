"""The dashboard published to web browsers: the server behind `r57tui serve` and its page.

Beside r57tui/ui/ in the layers: it runs the dashboard's own processes and never imports
the interface (nor textual); `r57tui serve`'s wiring from the settings is in
r57tui/commands/serve.py.
"""
