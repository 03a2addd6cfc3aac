"""Commands: `python -m generator ...`, one thin module per command.

Owns the command line (cli.py) and what only commands do: the safe site build that publishes
atomically (build.py, publish.py, atomic_swap.py), the links lock, the JSON Schemas, the
readability report and writing the Markdown out for inspection.
"""
