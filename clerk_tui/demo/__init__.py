"""`clerk-tui demo`: builders of a realistic demo outlet, apart from the product's code."""
