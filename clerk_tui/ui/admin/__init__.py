"""Admin feature (管理, supervisor only): the screen, its lists and its dialogs."""
