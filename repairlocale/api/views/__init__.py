"""API views, one module per domain app; URLs in ``repairlocale.api.urls``."""
