"""What every feature's screens share: the typed app, the screen base, footer language, form pieces."""
