"""CSV/XLSX import and report export."""
