"""Improvements to Material's built search index: lay terms, section labels, stop words.

index.improve runs each step on search/search_index.json after the search plugin wrote it;
outline.py finds which heading's section holds each anchor of a built page.
"""
