"""Writing explainers without writing Markdown: `loa new` (a new explainer
from a few questions) and `loa import` (a Word file made into one).

explainer_file.py writes the file (front matter, folder, never over another
file), word.py reads a .docx (fonts repaired, images taken out),
markdown.py turns the HTML mammoth makes into Markdown, citations.py
suggests laws from what the text cites. The commands are in
loa/adapters/cli_authoring.py; nothing here imports click or MkDocs.
"""
