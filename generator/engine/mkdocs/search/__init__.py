"""The site's search index: Pagefind's, over a marked copy of each built page.

pagefind_index.SiteIndex hands each page to Pagefind as MkDocs writes it (pagefind_service.py
runs Pagefind beside the build) and writes the index once the site is written; pagefind_pages.py marks
each page (lay terms, hidden parts, sources weighted down); outline.py finds which heading's
section holds each anchor; theme_search.py keeps Material's own search index from being built.
"""
