"""Schedule feature (排班): the grid screen, its panes and dialogs."""
