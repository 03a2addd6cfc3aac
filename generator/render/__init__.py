"""Render: validated content through Jinja templates into Markdown pages.

Owns the Jinja environments (plain text escaped, prose in its small Markdown subset), the page
renderer, the glossary (definitions appended to each page, and the Markdown extension that
explains terms), JSON-LD, and the topic cache that skips unchanged topics (in memory, and on
disk as JSON), with the parallel renderer for cold builds. Engine-agnostic: no MkDocs here.
"""
