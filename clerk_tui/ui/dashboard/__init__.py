"""Today dashboard (今日概览): the first screen after login and its count tiles."""
