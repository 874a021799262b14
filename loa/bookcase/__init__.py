"""The law bookcase: the built site packed to travel without the internet
(issue 12). `offline.py` makes its pages work from a folder, `archive.py`
writes the ZIP, `zim.py` the ZIM file for Kiwix, `guide.py` the page that
says how to copy it. `loa bookcase` (adapters/cli_bookcase.py) runs them."""
