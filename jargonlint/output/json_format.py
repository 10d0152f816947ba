"""The versioned JSON contract (docs/json-format.md)."""
from __future__ import annotations

import json

from . import summary

VERSION = 1


def render(results, context) -> str:
    data = {
        "version": VERSION,
        "findings": [f.to_dict() for r in results for f in r.findings],
        "summary": summary(results),
        "errors": [{"path": r.path, "message": r.error} for r in results if r.error],
        "skipped": [{"path": r.path, "message": r.note} for r in results if r.note],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
