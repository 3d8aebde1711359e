"""Admin services (管理): engineers, users and the policy as the supervisor edits them."""
