"""Import and export of page files."""
