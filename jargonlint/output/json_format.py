"""The versioned JSON contract (docs/json-format.md)."""
from __future__ import annotations

import json

from . import summary

VERSION = 1


def render(results, context) -> str:
    """Pretty enough to read (one finding a line), and encoded by json's C encoder, which
    matters with tens of thousands of findings."""
    findings = [f.to_dict() for r in results for f in r.findings]
    tail = {
        "summary": summary(results),
        "errors": [{"path": r.path, "message": r.error} for r in results if r.error],
        "skipped": [{"path": r.path, "message": r.note} for r in results if r.note],
    }
    lines = ",\n    ".join(json.dumps(f, ensure_ascii=False) for f in findings)
    body = f"[\n    {lines}\n  ]" if findings else "[]"
    parts = [f'"version": {VERSION}', f'"findings": {body}']
    parts += [f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}" for key, value in tail.items()]
    return "{\n  " + ",\n  ".join(parts) + "\n}\n"
