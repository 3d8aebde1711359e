"""End-of-day services (对帐): reconcile, store flags, decide, sign off, reopen, report to the center."""
