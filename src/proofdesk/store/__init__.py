"""Store: SQLite project file with issues, pages, findings, decisions and revisions."""
