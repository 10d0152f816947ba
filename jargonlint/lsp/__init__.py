"""jargonlint's language server: diagnostics, quick fixes and hovers while you type.

Start it with ``jargonlint lsp``; :func:`create_server` builds one to embed.
"""
from __future__ import annotations


def create_server():
    from .server import create_server as create

    return create()


__all__ = ["create_server"]
