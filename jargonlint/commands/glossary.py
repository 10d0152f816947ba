"""`jargonlint glossary list | show TERM | validate FILE...`"""
from __future__ import annotations

import os
import sys

import click

from ..config import Config, ConfigError
from ..glossary import BUILTIN_IDS, GlossaryError, builtin_paths, load_glossary
from .common import EXIT_FINDINGS, fail


@click.group("glossary")
def command():
    """List, show and validate glossaries."""


def _builtins():
    try:
        return [load_glossary(p) for p in builtin_paths()]
    except GlossaryError as exc:
        fail(str(exc))


@command.command("list")
def list_glossaries():
    """The built-in glossaries and how many terms each has."""
    for g in _builtins():
        click.echo(f"{g.id:10} {len(g.terms):5} terms  {g.name}")


@command.command("show")
@click.argument("term")
@click.option("--glossary", "extra", multiple=True, type=click.Path(dir_okay=False), help="Also search this glossary file.")
def show(term, extra):
    """What the glossaries say about TERM (an id or any spelling of it)."""
    wanted = term.lower()
    glossaries = _builtins()
    for path in extra:
        try:
            glossaries.append(load_glossary(path))
        except GlossaryError as exc:
            fail(str(exc))
    hits = [(g, t) for g in glossaries for t in g.terms
            if t.id == wanted or wanted in {s.lower() for s in t.spellings}]
    if not hits:
        click.echo(f"jargonlint: no glossary has a term {term!r}", err=True)
        sys.exit(EXIT_FINDINGS)
    for g, t in hits:
        source = g.sources.get(t.source)
        click.echo(f"{t.term}  [{t.id}]  in {g.name} ({g.id})")
        if t.expansion:
            click.echo(f"  stands for:   {t.expansion}")
        if t.variants:
            click.echo(f"  also:         {', '.join(t.variants)}")
        click.echo(f"  plain words:  {', '.join(t.replacements) if t.replacements else '(none: explain it)'}")
        click.echo(f"  meaning:      {t.explanation}")
        click.echo(f"  severity:     {t.severity}{'  (safe to fix automatically)' if t.fix == 'safe' else ''}")
        if source:
            click.echo(f"  source:       {source.title}" + (f" <{source.url}>" if source.url else "") + f" ({source.licence})")
        click.echo("")


@command.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--examples/--no-examples", default=True, show_default=True,
              help="Also run each term's flag and pass examples.")
def validate(files, examples):
    """Check glossary FILES against the schema (and run their examples). Exit 1 on errors."""
    from ..examples import check_glossary

    problems = 0
    builtin = {os.path.realpath(p) for p in builtin_paths()}
    for path in files:
        try:
            glossary = load_glossary(path)
            if os.path.realpath(path) not in builtin and glossary.id in BUILTIN_IDS:
                click.echo(f"{path}:1: glossary id {glossary.id!r} is a built-in glossary's; choose another")
                problems += 1
                continue
            extra = () if os.path.realpath(path) in builtin else (os.path.abspath(path),)
            config = Config(extra_glossaries=extra, glossaries={gid: True for gid in BUILTIN_IDS})
            failures = check_glossary(glossary, config) if examples else []
        except (GlossaryError, ConfigError) as exc:
            click.echo(str(exc))
            problems += 1
            continue
        for failure in failures:
            click.echo(f"{path}:{failure.line}: {failure}")
        problems += len(failures)
        if not failures:
            click.echo(f"{path}: ok ({len(glossary.terms)} terms)")
    sys.exit(EXIT_FINDINGS if problems else 0)
