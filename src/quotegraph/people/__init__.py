"""People within one article: mentions resolved to full names and roles (pure; the cross-article
registry is `quotegraph.registry`)."""
