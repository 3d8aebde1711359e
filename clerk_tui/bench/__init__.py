"""`clerk-tui bench`: speed figures on a synthetic database, apart from the product's code."""
