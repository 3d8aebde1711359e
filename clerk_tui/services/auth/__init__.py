"""Auth services: users' passwords (argon2), roles, the first-run supervisor."""
