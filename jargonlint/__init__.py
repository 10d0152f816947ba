"""jargonlint: flag the professional jargon your reader won't know, and suggest plain English."""
from __future__ import annotations

__version__ = "0.1.0"

from .api import Checker, Options, check_paths, lint_paths, lint_text  # noqa: E402
from .config import Config, ConfigError, load_config_file  # noqa: E402
from .findings import FileResult, Finding, Fix  # noqa: E402
from .glossary import GlossaryError, load_glossary  # noqa: E402

__all__ = [
    "Checker", "Config", "ConfigError", "FileResult", "Finding", "Fix", "GlossaryError", "Options",
    "check_paths", "lint_paths", "lint_text", "load_config_file", "load_glossary",
]
