"""What every feature's screens share: the screen base, footer language, form pieces, palette."""
