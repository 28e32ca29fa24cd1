"""The headless commands (check, export, serve, demo-server) and the dashboard's source:
each wires the settings to the layers below. r57tui/cli.py parses the arguments and calls
in here; nothing below this package imports it.
"""
