"""The MkDocs adapter: everything that imports MkDocs or depends on Material's templates.

Owns the plugin (plugin.py, `plugins: [healthguide]` in mkdocs.yml), the Content-Security-Policy
that admits only Material's own inline scripts, the one joined stylesheet, and the search index
that Material's search box reads (search/: Pagefind's). A Material upgrade has this one folder to review.
"""
