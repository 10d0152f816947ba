"""The `jargonlint` command: `main` only dispatches to one module per subcommand.

Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage or input error.
"""
from __future__ import annotations

import importlib
import os
import sys

import click

from . import __version__

COMMANDS = {
    "check": "Check documents and folders for jargon.",
    "glossary": "List, show and validate glossaries.",
    "baseline": "Record current findings so only new ones are reported.",
    "report": "Summarise the jargon in documents (text, JSON or HTML).",
    "lsp": "Run the language server over stdio (for editors).",
}


class LazyGroup(click.Group):
    """Imports a subcommand's module only when it runs, to keep start-up fast."""

    def list_commands(self, ctx):
        return list(COMMANDS)

    def get_command(self, ctx, name):
        if name not in COMMANDS:
            return None
        try:
            module = importlib.import_module(f"jargonlint.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"jargonlint.commands.{name}":
                return None
            raise
        return module.command

    def format_commands(self, ctx, formatter):
        rows = [(name, help_text) for name, help_text in COMMANDS.items() if self.get_command(ctx, name)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="jargonlint")
def cli():
    """Flag the professional jargon your reader won't know, and suggest plain English."""


def _safe_streams():
    """A file name that is not UTF-8 reaches output as surrogate escapes; print them as ``\\udcff``.

    Written raw they would make JSON and SARIF invalid UTF-8, and under a
    strict locale they would stop the run. The escape is readable, and a JSON
    reader turns it back into the very name ``os.fsdecode`` gave.
    """
    import sys

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):  # replaced by a caller, or already closed
            pass


def main(argv=None):
    _safe_streams()
    try:
        code = cli.main(args=argv, prog_name="jargonlint", standalone_mode=False)
        code = code if isinstance(code, int) else 0  # an int from --help, --version and the like
    except SystemExit as exc:
        code = exc.code
    except click.ClickException as exc:  # a usage error: click's message, click's exit code
        exc.show()
        code = exc.exit_code
    except (KeyboardInterrupt, click.Abort):
        click.echo("jargonlint: interrupted", err=True)
        code = 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one line, exit 2, never a traceback
        if os.environ.get("JARGONLINT_DEBUG"):
            raise
        message = " ".join(str(exc).split()) or type(exc).__name__
        click.echo(f"jargonlint: error: internal error ({type(exc).__name__}: {message}); "
                   "please report it (JARGONLINT_DEBUG=1 shows the traceback)", err=True)
        code = 2
    _exit_now(code)


def _exit_now(code) -> None:
    """Leave without tearing down the interpreter.

    Freeing spaCy's and the glossaries' objects one by one at exit takes a
    tenth of a second or more, a large part of a short run. Everything
    jargonlint writes is written and closed by now (worker pools are shut
    down, fixed files replaced), so only the standard streams need flushing.
    """
    if code is None:
        code = 0
    elif not isinstance(code, int):
        click.echo(code, err=True)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader that went away, or a closed stream
            pass
    os._exit(code)
