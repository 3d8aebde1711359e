"""Intake feature (新建工单): the new-ticket screen, its fields, live checks and history."""
