"""Intake services (接单): reference for the form, earlier tickets, saving, phone consultation."""
