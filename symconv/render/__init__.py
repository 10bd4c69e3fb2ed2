"""Renderers: exact values, signals and derivations as text, LaTeX, Markdown and JSON.

Renderers only format; every number they print is carried in by the data they format.
"""
