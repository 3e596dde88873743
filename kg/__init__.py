"""Parley: a knowledge-graph builder for negotiation news.

Layers look one way: ingest -> nlp -> extract -> graph -> query / views / export; the CLI sits on top.
"""

__version__ = "0.1.0"
