"""Who is at the desk: login (登录) and the first run's supervisor account."""
