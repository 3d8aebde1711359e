"""Dashboard services: the Today counts and the demo accounts shown at login."""
