"""Pure rules over plain data: stdlib and pydantic only."""
