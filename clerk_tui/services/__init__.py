"""Services: one transaction per user action; domain in, plain rows out."""
