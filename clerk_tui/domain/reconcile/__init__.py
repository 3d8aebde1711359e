"""End-of-day reconciliation rules (对帐 [H 七.2]): presence, timing, forgery, fees, merged per day."""
