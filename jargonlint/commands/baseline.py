"""`jargonlint baseline PATH... [--output FILE]`"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..api import LintError, check_paths
from ..baseline import DEFAULT_NAME, Baseline, prose_of, write
from .common import EXIT_CLEAN, EXIT_ERROR, auto_jobs, build_options, document_options, fail


@click.command("baseline")
@click.argument("paths", nargs=-1, required=True)
@document_options
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=DEFAULT_NAME, show_default=True,
              help="The baseline file to write; paths in it are relative to its folder.")
@click.option("--jobs", "-j", type=click.IntRange(0), default=0, help="Processes to use; 0 picks by the number of files and cores.")
def command(paths, audience, config_path, doc_type, glossaries, allow, exclude, stdin_filename, output, jobs):
    """Record the current findings so `check --baseline` reports only new ones.

    Commit the file; `jargonlint check --baseline .jargonlint-baseline.json`
    then passes on existing jargon and fails on jargon added since. Run this
    again to accept what is left after a clean-up.
    """
    if "-" in paths:
        fail("a baseline is recorded from files, not standard input")
    options = build_options(audience, config_path, doc_type, glossaries, allow, exclude)
    jobs = jobs or auto_jobs(paths)
    try:
        results = list(check_paths(paths, options, jobs=jobs))
    except LintError as exc:
        fail(str(exc))
    errors = [r for r in results if r.error]
    for result in errors:
        click.echo(f"jargonlint: error: {result.path}: {result.error}", err=True)
    if errors:
        click.echo(f"jargonlint: baseline not written: {len(errors)} file{'s' if len(errors) != 1 else ''} "
                   "could not be checked (fix or --exclude them)", err=True)
        sys.exit(EXIT_ERROR)
    baseline = Baseline(root=Path(os.path.abspath(output)).parent)
    for result in results:
        if not result.findings:
            continue
        prose = prose_of(result.path, options.format)
        if prose is None:
            fail(f"{result.path}: changed or unreadable while recording the baseline")
        baseline.add(result.path, result.findings, prose)
    try:
        write(baseline, output)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")
    total, files = baseline.total, baseline.files
    click.echo(f"Recorded {total} finding{'s' if total != 1 else ''} in {files} file{'s' if files != 1 else ''} "
               f"of {len(results)} checked to {output}.")
    sys.exit(EXIT_CLEAN)
