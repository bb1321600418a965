"""Production nodes: the graph's side of rendering, cover and delivery."""
