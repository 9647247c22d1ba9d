"""People: in-article resolution of mentions to full names and roles, and the cross-article registry."""
