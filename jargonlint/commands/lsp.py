"""`jargonlint lsp`: the language server, over standard input and output (or TCP)."""
from __future__ import annotations

import logging

import click


@click.command("lsp")
@click.option("--stdio", "stdio", is_flag=True, default=True, hidden=True,
              help="Talk over standard input and output (the default; accepted for editors that pass it).")
@click.option("--tcp", is_flag=True, help="Listen on a TCP port instead of standard input and output.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on with --tcp.")
@click.option("--port", type=click.IntRange(1, 65535), default=2087, show_default=True, help="Port to listen on with --tcp.")
@click.option("--log-file", type=click.Path(dir_okay=False), help="Write the server's log to this file (default: standard error).")
@click.option("--verbose", "-v", is_flag=True, help="Log every message (for debugging an editor setup).")
def command(stdio, tcp, host, port, log_file, verbose):
    """Run the language server (for editors).

    Editors start it and talk the Language Server Protocol over standard input
    and output. See docs/editors.md for each editor's setup.
    """
    logging.basicConfig(filename=log_file, level=logging.DEBUG if verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from ..lsp.server import serve

    serve(tcp=tcp, host=host, port=port)
