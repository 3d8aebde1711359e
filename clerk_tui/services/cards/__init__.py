"""Card services (服务任务监督卡): the ticket beside the form, saving a card and slip, the day's progress."""
