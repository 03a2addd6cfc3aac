"""Structure: which pages the site has, at what address, and which of their links are published.

Owns the route registry (routes.py: every page kind, declared once), the navigation, the
published-links lock, redirects for moved topics and the deep-link data of topic pages. Like
MkDocs' own structure/ package, it is the one owner of pages and URLs; it renders nothing.
"""
