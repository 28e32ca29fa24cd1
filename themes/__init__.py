"""The shipped colour themes, one TOML file each; installed as the package r57tui.themes."""
