"""A plain `pip install` from a wheel finds the glossaries: they ship inside the package."""
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_carries_glossaries_and_data(tmp_path):
    pytest.importorskip("hatchling")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                           "-w", str(tmp_path), str(ROOT)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    (wheel,) = tmp_path.glob("jargonlint-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for glossary in ("finance", "it", "clinical", "general"):
        assert f"jargonlint/glossaries/{glossary}.yaml" in names
    assert any(n.startswith("jargonlint/data/") for n in names)
    assert "jargonlint/readers/markdown.py" in names
