"""Schedule services (排班): one day's plan, conflicts with alternatives, moves with consent, visits."""
