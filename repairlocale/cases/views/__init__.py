"""Views of the activity and case library (signed-in users)."""
