"""`jargonlint report` through the installed entry point: text, JSON, HTML (rendered in Chromium), glossary section."""
import json
import os
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser

import pytest

from jargonlint.report.readability import count, syllables
from tests.conftest import CORE_GLOSSARY, run_cli

DOC = """# Budget

We made a virement. The LCH board will leverage the virement.

The glaucomatous eye is here.
"""
OTHER = "We will leverage our assets and utilise them.\n"


@pytest.fixture
def project(tmp_path):
    config = tmp_path / ".jargonlint.yaml"
    config.write_text("glossaries: {finance: false, it: false, clinical: false, general: false}\n"
                      f"extra_glossaries: ['{CORE_GLOSSARY.as_posix()}']\n")
    (tmp_path / "budget.md").write_text(DOC)
    (tmp_path / "other.md").write_text(OTHER)
    return tmp_path


def report(project, *args, files=("budget.md",)):
    proc = run_cli("report", *files, *args, cwd=project)
    assert proc.returncode == 0, proc.stderr
    return proc


def json_report(project, *args, files=("budget.md",)):
    return json.loads(report(project, "--format", "json", *args, files=files).stdout)


def test_json_counts_one_document(project):
    data = json_report(project)
    assert data["version"] == 1 and data["readability_formula"] == "Flesch reading ease"
    [doc] = data["documents"]
    assert doc["path"] == "budget.md"
    assert doc["words"] == 17 and doc["sentences"] == 4
    assert doc["jargon"] == 4 and doc["jargon_per_100_words"] == round(100 * 4 / 17, 2)
    assert doc["by_glossary"] == {"core": 3, "abbreviations": 1}
    assert doc["by_severity"] == {"error": 0, "warning": 4, "info": 0, "hint": 1}
    assert doc["top_terms"][0] == {"term": "virement", "glossary": "core", "count": 2}
    assert doc["undefined_abbreviations"] == [{"abbreviation": "LCH", "path": "budget.md", "line": 3, "expansion": None}]
    assert doc["possible_jargon"] == 1 and doc["rare_words"][0]["word"] == "glaucomatous"
    readability = doc["readability"]
    assert readability["formula"] == "Flesch reading ease"
    assert isinstance(readability["flesch_reading_ease"], float) and isinstance(readability["flesch_kincaid_grade"], float)
    assert data["total"]["words"] == 17 and data["total"]["documents"] == 1


def test_unknown_words_can_be_turned_off(project):
    [doc] = json_report(project, "--no-unknown-words")["documents"]
    assert doc["possible_jargon"] == 0 and doc["by_severity"]["hint"] == 0


def test_the_whole_set_adds_up(project):
    data = json_report(project, files=("budget.md", "other.md"))
    docs, total = data["documents"], data["total"]
    assert [d["path"] for d in docs] == ["budget.md", "other.md"]
    for key in ("words", "sentences", "jargon", "possible_jargon", "findings"):
        assert total[key] == sum(d[key] for d in docs), key
    assert total["by_glossary"]["core"] == sum(d["by_glossary"].get("core", 0) for d in docs)
    assert total["top_terms"][0]["term"] == "leverage" and total["top_terms"][0]["count"] == 2


def test_text_report(project):
    out = report(project, files=("budget.md", "other.md")).stdout
    assert out.startswith("jargonlint report: 2 documents, 25 words")
    assert "jargon: 4 (23.53 per 100 words)" in out
    assert "readability: Flesch reading ease" in out
    assert "undefined abbreviations: LCH (line 3)" in out
    assert "(all documents)" in out


def test_output_file_is_written_whole(project):
    proc = report(project, "--format", "json", "--output", "out/../report.json")
    assert proc.stdout == ""
    assert json.loads((project / "report.json").read_text())["documents"][0]["words"] == 17
    assert not [p for p in os.listdir(project) if p.endswith(".jargonlint-tmp")]


def test_glossary_section(project):
    report(project, "--glossary-out", "terms.md")
    text = (project / "terms.md").read_text()
    assert text.startswith("## Terms used in this document\n")
    assert "- **virement**: Moving money between budgets. In plain words: budget transfer." in text
    assert "- **leverage**: Used to mean use. In plain words: use." in text
    assert "LCH" in text.splitlines()[-1] and text.splitlines()[-1].startswith("<!--")


def test_a_missing_document_is_an_error_but_the_rest_is_reported(project):
    proc = run_cli("report", "budget.md", "missing.md", "--format", "json", cwd=project)
    assert proc.returncode == 2
    data = json.loads(proc.stdout)
    assert [d["path"] for d in data["documents"]] == ["budget.md"]
    assert data["errors"] == [{"path": "missing.md", "message": "no such file or folder"}]


def test_usage_errors(project):
    assert run_cli("report", cwd=project).returncode == 2
    assert run_cli("report", "budget.md", "--format", "sarif", cwd=project).returncode == 2


# -- HTML ---------------------------------------------------------------------------------

class _Metrics(HTMLParser):
    """Numbers the page shows, by the data-path of the section (or row) they sit in."""

    def __init__(self):
        super().__init__()
        self.stack, self.found, self.tags = [], {}, set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.add(tag)
        path = attrs.get("data-path")
        self.stack.append(path if path is not None else (self.stack[-1] if self.stack else None))
        if "data-metric" in attrs and self.stack[-1] is not None:
            self.found.setdefault(self.stack[-1], {}).setdefault(attrs["data-metric"], set()).add(attrs["data-value"])

    def handle_endtag(self, tag):
        if self.stack:
            self.stack.pop()

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)


def _expected(entry):
    out = {"words": entry["words"], "jargon": entry["jargon"], "jargon_per_100_words": entry["jargon_per_100_words"],
           "possible_jargon": entry["possible_jargon"], "sentences": entry["sentences"],
           "flesch_reading_ease": entry["readability"]["flesch_reading_ease"],
           "flesch_kincaid_grade": entry["readability"]["flesch_kincaid_grade"]}
    out.update({f"by_glossary.{g}": n for g, n in entry["by_glossary"].items()})
    out.update({f"by_severity.{s}": n for s, n in entry["by_severity"].items()})
    return out


def test_html_numbers_match_the_json_report(project):
    files = ("budget.md", "other.md")
    data = json_report(project, files=files)
    report(project, "--format", "html", "--output", "report.html", files=files)
    page = (project / "report.html").read_text()
    parser = _Metrics()
    parser.feed(page)
    for entry in data["documents"] + [data["total"]]:
        shown = parser.found[entry["path"]]
        for metric, value in _expected(entry).items():
            if metric in shown:
                assert shown[metric] == {str(value)}, (entry["path"], metric)
        for metric in ("words", "jargon", "jargon_per_100_words", "flesch_reading_ease"):
            assert metric in shown, (entry["path"], metric)


def test_html_is_self_contained(project):
    page = report(project, "--format", "html", files=("budget.md", "other.md")).stdout
    parser = _Metrics()
    parser.feed(page)
    assert "script" not in parser.tags and "link" not in parser.tags and "img" not in parser.tags
    assert "svg" in parser.tags and "style" in parser.tags
    assert "http" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")


def _chromium():
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(not _chromium(), reason="chromium is not on PATH (CI installs Debian's chromium package)")
def test_html_renders_in_headless_chromium(project):
    files = ("budget.md", "other.md")
    report(project, "--format", "html", "--output", "report.html", files=files)
    shot = project / "shot.png"
    with tempfile.TemporaryDirectory() as profile:
        proc = subprocess.run(
            [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
             f"--screenshot={shot}", "--window-size=1200,1600", (project / "report.html").as_uri()],
            capture_output=True, text=True, timeout=120)
    assert shot.is_file(), proc.stderr[-2000:]
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (1200, 1600)
    assert len(png) > 20_000, "the screenshot is too small to show the report"


# -- readability --------------------------------------------------------------------------

@pytest.mark.parametrize("word,expected", [
    ("the", 1), ("cat", 1), ("make", 1), ("makes", 1), ("jumped", 1), ("table", 2), ("boxes", 2), ("wanted", 2),
    ("budget", 2), ("hospital", 3), ("create", 2), ("ratio", 3), ("integrated", 4), ("readability", 5),
])
def test_syllables(word, expected):
    assert syllables(word) == expected


def test_sentences_and_flesch():
    counts = count("The cat sat on the mat. It was happy!\n\n# A heading\n\nWe use e.g. this.\n")
    assert (counts.words, counts.sentences) == (15, 4)
    assert counts.flesch_reading_ease > 90  # short words, short sentences: very easy
