"""Language: interface strings, number and date formatting, search folding, collation."""
