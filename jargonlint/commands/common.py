"""Options and error handling shared by the subcommands."""
from __future__ import annotations

import os
import sys
from typing import NoReturn

import click

from ..api import Options, is_long
from ..schema import SEVERITIES

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def fail(message: str) -> NoReturn:
    """A one-line error on stderr and exit 2: never a traceback."""
    click.echo(f"jargonlint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def warn(message: str) -> None:
    click.echo(f"jargonlint: warning: {message}", err=True)


def document_options(func):
    """Options every command that reads documents shares."""
    decorators = [
        click.option("--audience", "-a", help="Who will read the documents: public (default), finance, it, clinical, or one your config defines."),
        click.option("--config", "config_path", type=click.Path(dir_okay=False),
                     help="Use this config file instead of searching for .jargonlint.yaml or pyproject.toml."),
        click.option("--type", "doc_type", type=click.Choice(["markdown", "html", "rst", "text", "docx"]),
                     help="Read every document as this type (default: by extension)."),
        click.option("--glossary", "glossaries", multiple=True, type=click.Path(dir_okay=False),
                     help="An extra glossary file (repeatable)."),
        click.option("--allow", multiple=True, help="A term id or phrase never to flag (repeatable)."),
        click.option("--exclude", multiple=True, help="A glob of files or folders to skip (repeatable)."),
        click.option("--stdin-filename", default="<stdin>", help="The name to report for `-` (standard input); its extension sets the type."),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def build_options(audience, config_path, doc_type, glossaries, allow, exclude, **extra) -> Options:
    return Options(audience=audience, config=config_path, format=doc_type, extra_glossaries=tuple(glossaries),
                   allow=tuple(allow), exclude=tuple(exclude), **extra)


def severity_choice():
    return click.Choice(list(SEVERITIES))


def auto_jobs(paths) -> int:
    """Two processes (on two or more cores) when there is enough work: a folder, many files, or a long file."""
    enough = any(os.path.isdir(p) for p in paths) or len(paths) > 16 or any(is_long(p) for p in paths)
    return min(os.cpu_count() or 1, 2) if enough else 1
