"""`jargonlint report PATH... [--format text|json|html] [--output FILE] [--glossary-out FILE]`"""
from __future__ import annotations

import json
import sys

import click

from ..api import LintError
from .common import EXIT_CLEAN, EXIT_ERROR, build_options, document_options, fail


@click.command("report")
@click.argument("paths", nargs=-1, required=True)
@document_options
@click.option("--format", "-f", "output_format", type=click.Choice(["text", "json", "html"]), default="text",
              show_default=True, help="Report format; html is one self-contained page with charts.")
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False),
              help="Write the report to this file (replaced whole, never half-written) instead of standard output.")
@click.option("--glossary-out", type=click.Path(dir_okay=False),
              help="Also write a Markdown 'Terms used in this document' section (each term and its plain meaning).")
@click.option("--unknown-words/--no-unknown-words", default=True, show_default=True,
              help="Count rare words no glossary knows, as possible jargon.")
@click.option("--top", type=click.IntRange(1), default=10, show_default=True, help="How many of the most frequent terms to list.")
def command(paths, audience, config_path, doc_type, glossaries, allow, exclude, stdin_filename,
            output_format, output, glossary_out, unknown_words, top):
    """Summarise the jargon in documents: per document and for the whole set.

    Word count, jargon per 100 words, findings by glossary and by severity,
    the most frequent terms, undefined abbreviations and the Flesch reading
    ease score. Exit 0, or 2 when a document or the configuration cannot be
    read (the report still covers the rest).
    """
    from ..atomic import WriteError, write_bytes
    from ..report import collect

    options = build_options(audience, config_path, doc_type, glossaries, allow, exclude, unknown_words=unknown_words)
    stdin = sys.stdin.buffer.read() if "-" in paths else None
    try:
        report = collect(paths, options, top=top, stdin=stdin, stdin_filename=stdin_filename)
    except LintError as exc:
        fail(str(exc))
    text = _render(output_format, report)
    try:
        if output:
            write_bytes(output, text.encode("utf-8"))
        if glossary_out:
            from ..report import terms

            write_bytes(glossary_out, terms.render(report).encode("utf-8"))
    except (WriteError, OSError) as exc:
        fail(f"cannot write {exc.filename or output}: {exc.strerror or exc}")
    if not output:
        click.echo(text, nl=False)
    for path, message in report.errors:
        click.echo(f"jargonlint: error: {path}: {message}", err=True)
    sys.exit(EXIT_ERROR if report.errors else EXIT_CLEAN)


def _render(output_format, report) -> str:
    if output_format == "json":
        return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
    if output_format == "html":
        from ..report import html

        return html.render(report)
    from ..report import text

    return text.render(report)
