"""Database layer: engine, tables, queries and migrations. Never imports Textual."""
