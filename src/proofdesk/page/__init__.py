"""The page model: blocks with offsets, their roles, and articles."""
