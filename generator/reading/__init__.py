"""Reading: content files into YAML documents that remember where every value came from.

Owns everything between the disk and the data: which files may be read at all (regular files
inside the content folder, of a sane size), the safe YAML loaders (no aliases, custom tags or
over-deep nesting), and the located problems (`file:line:col: field: message`) that every
later stage reports mistakes with. It knows nothing of topics or pages.
"""
