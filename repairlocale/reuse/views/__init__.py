"""Views of the hergebruikfiche."""
