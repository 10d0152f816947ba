"""`jargonlint check PATH... [--fix | --diff] [--baseline FILE]`"""
from __future__ import annotations

import os
import sys
from dataclasses import replace

import click

from ..api import Checker, LintError, check_paths
from ..config import ConfigError
from ..findings import SEVERITY_RANK, FileResult
from ..output import OutputFormat, RenderContext, render
from .common import (EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, auto_jobs, build_options, document_options, fail,
                     severity_choice, warn)


@click.command("check")
@click.argument("paths", nargs=-1, required=True)
@document_options
@click.option("--format", "-f", "output_format", type=click.Choice([f.value for f in OutputFormat]), default="text",
              show_default=True, help="Output format.")
@click.option("--fail-on", type=severity_choice(), help="Lowest severity that makes the exit code 1 (default: warning, or the config's).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when jargon is found (errors still exit 2).")
@click.option("--fix", is_flag=True,
              help="Apply the safe replacements in place (terms the glossary marks `fix: safe`), then report what is left.")
@click.option("--diff", is_flag=True,
              help="Print the safe fixes as a unified diff instead of writing them; exit 1 if there are any.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False),
              help="Report only findings not recorded in this baseline file (see `jargonlint baseline`).")
@click.option("--abbreviations/--no-abbreviations", default=None,
              help="Report abbreviations the document never defines (default: on, or the config's).")
@click.option("--unknown-words/--no-unknown-words", default=None,
              help="Also report rare words no glossary knows, as hints (default: off, or the config's).")
@click.option("--defined-terms", type=click.Choice(["hide", "hint", "info", "warning"]),
              help="How to report a term after the document explains it (default: info, or the config's).")
@click.option("--jobs", "-j", type=click.IntRange(0), default=0, help="Processes to use; 0 picks by the number of files and cores.")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: when writing to a terminal).")
@click.option("--reference", is_flag=True, hidden=True, help="Run spaCy over every passage (slow reference path).")
def command(paths, audience, config_path, doc_type, glossaries, allow, exclude, stdin_filename,
            output_format, fail_on, exit_zero, fix, diff, baseline_path, abbreviations, unknown_words, defined_terms,
            jobs, color, reference):
    """Check documents and folders for jargon.

    PATHS are files, folders (searched for .md, .txt, .rst, .html and .docx
    files) or - for standard input.
    """
    options = build_options(audience, config_path, doc_type, glossaries, allow, exclude,
                            fail_on=fail_on, full=reference, abbreviations=abbreviations,
                            unknown_words=unknown_words, defined_terms=defined_terms)
    if doc_type is None and "-" in paths:
        options = _type_from_name(options, stdin_filename)
    if options.audience:
        _check_audience(options, paths)
    if diff and output_format != "text":
        fail(f"--diff prints a diff; it cannot be combined with --format {output_format}")
    baseline = _load_baseline(baseline_path)
    stdin = sys.stdin.buffer.read() if "-" in paths else None
    jobs = jobs or auto_jobs(paths)
    try:
        if fix or diff:
            results, would_change = _fix(paths, options, stdin, stdin_filename, baseline, write=not diff)
        else:
            results = list(check_paths(paths, options, jobs=jobs, stdin=stdin, stdin_filename=stdin_filename))
            results = _apply_baseline(results, baseline, options, stdin, stdin_filename)
        threshold = _threshold(options, results)
    except LintError as exc:
        fail(str(exc))
    for result in results:
        if result.error:
            click.echo(f"jargonlint: error: {result.path}: {result.error}", err=True)
        elif result.note:
            click.echo(f"jargonlint: note: {result.path}: {result.note}", err=True)
    if diff:
        if any(r.error for r in results):
            sys.exit(EXIT_ERROR)
        sys.exit(EXIT_FINDINGS if would_change else EXIT_CLEAN)
    use_color = sys.stdout.isatty() and not os.environ.get("NO_COLOR") if color is None else color
    context = _render_context(output_format, options, results, use_color)
    click.echo(render(output_format, results, context), nl=False)
    if any(r.error for r in results):
        sys.exit(EXIT_ERROR)
    failing = any(SEVERITY_RANK[f.severity] >= threshold for r in results for f in r.findings)
    sys.exit(EXIT_FINDINGS if failing and not exit_zero else EXIT_CLEAN)


# -- fixing ------------------------------------------------------------------------

def _fix(paths, options, stdin, stdin_filename, baseline, write):
    """Fix every file (or only diff it); return the re-checked results and whether anything changes."""
    from ..fixer import fix_bytes, write_fixed

    checker = Checker(options)
    wanted = baseline.new_findings if baseline is not None else None  # None: every finding is wanted

    results, fixed, files, would_change = [], 0, 0, False
    for path, error in checker.paths(paths):
        if error:
            results.append(FileResult(path, error=error))
            continue
        if path == "-":
            outcome = fix_bytes(checker, stdin_filename, stdin or b"", wanted)
            if outcome.changed and write:
                # Standard input has nowhere to be written back to: report it as it is.
                result = checker.check_bytes(stdin_filename, stdin or b"")
                if not result.error:
                    result = replace(result, note="standard input is not fixed in place; use --diff to see the fixes")
                results.append(_filtered(result, baseline, options, stdin))
                continue
        else:
            from ..files import read_bytes
            from ..readers import ReadError

            try:
                data = read_bytes(path)
            except ReadError as exc:
                results.append(FileResult(path, error=str(exc)))
                continue
            outcome = fix_bytes(checker, path, data, wanted)
        result = outcome.result
        if outcome.changed:
            would_change = True
            if write:
                problem = write_fixed(outcome)
                if problem:
                    results.append(FileResult(path, error=f"not fixed: {problem}"))
                    continue
                for change in outcome.changes:
                    click.echo(f"jargonlint: fixed {outcome.path}:{change.line}:{change.column}: "
                               f"'{change.old}' -> '{change.new}' [{change.term_id}]", err=True)
            else:
                click.echo(outcome.diff(), nl=False)
            fixed += len(outcome.changes)
            files += 1
        for skipped in outcome.skipped:
            f = skipped.finding
            click.echo(f"jargonlint: not fixed {outcome.path}:{f.line}:{f.column}: '{f.text}' [{f.term_id}]: "
                       f"{skipped.reason}", err=True)
        if not outcome.converged:
            warn(f"{outcome.path}: fixes kept changing the text after several passes; stopped (check the glossary's replacements)")
        if outcome.note and not result.error:
            result = replace(result, note=outcome.note)
        results.append(_filtered(result, baseline, options, stdin if path == "-" else None,
                                 text=outcome.after if outcome.changed else None))
    if fixed:
        verb = "Fixed" if write else "Would fix"
        click.echo(f"jargonlint: {verb} {fixed} finding{'s' if fixed != 1 else ''} "
                   f"in {files} file{'s' if files != 1 else ''}.", err=True)
    elif not write:
        click.echo("jargonlint: nothing to fix.", err=True)
    return results, would_change


# -- baseline ------------------------------------------------------------------------

def _load_baseline(path):
    if path is None:
        return None
    from ..baseline import BaselineError, load

    try:
        return load(path)
    except BaselineError as exc:
        fail(str(exc))


def _apply_baseline(results, baseline, options, stdin, stdin_filename):
    if baseline is None:
        return results
    return [_filtered(r, baseline, options, stdin if r.path == stdin_filename and stdin is not None else None)
            for r in results]


def _filtered(result, baseline, options, data=None, text=None):
    """The result with the findings the baseline holds taken out."""
    if baseline is None or not result.findings:
        return result
    from ..baseline import prose_of
    from ..readers import FORMATS

    if text is not None and result.format in FORMATS:
        prose = FORMATS[result.format](text)
    else:
        prose = prose_of(result.path, options.format, data)
    if prose is None:
        return replace(result, error="changed or unreadable while applying the baseline")
    return replace(result, findings=tuple(baseline.new_findings(result.path, result.findings, prose)))


# -- output --------------------------------------------------------------------------

def _render_context(output_format, options, results, color) -> RenderContext:
    if output_format != OutputFormat.SARIF.value:
        return RenderContext(color=color)
    from ..engine import linter_for

    checker = Checker(options)
    terms, names, seen = {}, {}, set()
    for result in results:
        if not result.findings:
            continue
        try:
            config = checker.config_for(result.path)
        except LintError:
            continue
        if repr(config) in seen:
            continue
        seen.add(repr(config))
        compiled = linter_for(config).compiled
        for term in compiled.terms:
            terms.setdefault(term.id, term)
        for gid, name in compiled.glossary_names.items():
            names.setdefault(gid, name)
    return RenderContext(color=color, terms=terms, glossary_names=names)


def _check_audience(options, paths):
    """An unknown --audience is a usage error, before any file is read."""
    where = next((p for p in paths if p != "-"), os.path.join(os.getcwd(), "-"))
    try:
        Checker(options).config_for(where).audience_glossaries()
    except LintError as exc:
        fail(str(exc).split(": ", 1)[1] if str(exc).startswith("<command line>: ") else str(exc))


def _type_from_name(options, name):
    from ..readers import format_for

    return replace(options, format=format_for(name)) if name and name != "<stdin>" else options


def _threshold(options, results) -> int:
    if options.fail_on:
        return SEVERITY_RANK[options.fail_on]
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
