"""Callback services (回访): callbacks the rules create, the queue, answers and what follows them."""
