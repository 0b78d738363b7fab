"""Views of the network registry, one module per noun."""
