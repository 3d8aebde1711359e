"""Card entry feature (录入监督卡): the screen, its form, fields, panels and dialogs."""
