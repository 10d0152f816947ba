"""`jargonlint check PATH...`"""
from __future__ import annotations

import os
import sys

import click

from ..api import LintError, check_paths
from ..config import ConfigError
from ..findings import SEVERITY_RANK
from ..output import OutputFormat, RenderContext, render
from .common import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, build_options, document_options, fail, severity_choice, warn


@click.command("check")
@click.argument("paths", nargs=-1, required=True)
@document_options
@click.option("--format", "-f", "output_format", type=click.Choice([f.value for f in OutputFormat]), default="text",
              show_default=True, help="Output format.")
@click.option("--fail-on", type=severity_choice(), help="Lowest severity that makes the exit code 1 (default: warning, or the config's).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when jargon is found (errors still exit 2).")
@click.option("--jobs", "-j", type=click.IntRange(0), default=0, help="Processes to use; 0 picks by the number of files and cores.")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: when writing to a terminal).")
@click.option("--reference", is_flag=True, hidden=True, help="Run spaCy over every passage (slow reference path).")
def command(paths, audience, config_path, doc_type, glossaries, allow, exclude, stdin_filename,
            output_format, fail_on, exit_zero, jobs, color, reference):
    """Check documents and folders for jargon.

    PATHS are files, folders (searched for .md, .txt, .rst, .html and .docx
    files) or - for standard input.
    """
    options = build_options(audience, config_path, doc_type, glossaries, allow, exclude,
                            fail_on=fail_on, full=reference)
    if doc_type is None and "-" in paths:
        options = _type_from_name(options, stdin_filename)
    stdin = sys.stdin.buffer.read() if "-" in paths else None
    if jobs == 0:
        jobs = min(os.cpu_count() or 1, 2) if _many_files(paths) else 1
    try:
        results = list(check_paths(paths, options, jobs=jobs, stdin=stdin, stdin_filename=stdin_filename))
        threshold = _threshold(options, results)
    except LintError as exc:
        fail(str(exc))
    for result in results:
        if result.error:
            click.echo(f"jargonlint: error: {result.path}: {result.error}", err=True)
        elif result.note:
            click.echo(f"jargonlint: note: {result.path}: {result.note}", err=True)
    use_color = sys.stdout.isatty() and not os.environ.get("NO_COLOR") if color is None else color
    click.echo(render(output_format, results, RenderContext(color=use_color)), nl=False)
    if any(r.error for r in results):
        sys.exit(EXIT_ERROR)
    failing = any(SEVERITY_RANK[f.severity] >= threshold for r in results for f in r.findings)
    sys.exit(EXIT_FINDINGS if failing and not exit_zero else EXIT_CLEAN)


def _type_from_name(options, name):
    from dataclasses import replace

    from ..readers import format_for

    return replace(options, format=format_for(name)) if name and name != "<stdin>" else options


def _many_files(paths) -> bool:
    return any(os.path.isdir(p) for p in paths) or len(paths) > 16


def _threshold(options, results) -> int:
    if options.fail_on:
        return SEVERITY_RANK[options.fail_on]
    from ..api import Checker

    checker = Checker(options)
    levels = set()
    for result in results:
        try:
            levels.add(checker.config_for(result.path).fail_on)
        except ConfigError:
            levels.add("warning")
    for config_warning in {w for r in results for w in _warnings(checker, r.path)}:
        warn(config_warning)
    return min((SEVERITY_RANK[level] for level in levels), default=SEVERITY_RANK["warning"])


def _warnings(checker, path):
    try:
        return checker.finder.for_path(path).warnings
    except ConfigError:
        return ()
