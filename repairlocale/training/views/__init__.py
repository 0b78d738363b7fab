"""Views of the training module (URL prefix /opleiding/)."""
