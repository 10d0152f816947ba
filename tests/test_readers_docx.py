"""The Word reader, on .docx files built here with zipfile."""
from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jargonlint.readers import BREAK, ReadError, read_docx

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
)
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{REL}officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)


def p(*runs: str) -> str:
    """A paragraph; each run is text, or raw XML if it starts with '<'."""
    body = "".join(r if r.startswith("<") else f'<w:r><w:t xml:space="preserve">{r}</w:t></w:r>' for r in runs)
    return f"<w:p>{body}</w:p>"


def table(*rows) -> str:
    return "<w:tbl>" + "".join(
        "<w:tr>" + "".join(f"<w:tc>{cell}</w:tc>" for cell in row) + "</w:tr>" for row in rows
    ) + "</w:tbl>"


def docx(body: str, headers=(), footers=(), footnotes=(), endnotes=(), rels_extra="") -> bytes:
    """A minimal .docx: document, headers, footers and notes, with their relationships."""
    rels = [f'<Relationship Id="rIdFn" Type="{REL}footnotes" Target="footnotes.xml"/>',
            f'<Relationship Id="rIdEn" Type="{REL}endnotes" Target="endnotes.xml"/>']
    refs = []
    parts = {}
    for kind, contents, root in (("header", headers, "hdr"), ("footer", footers, "ftr")):
        for n, content in enumerate(contents, 1):
            rid = f"rId{kind}{n}"
            rels.append(f'<Relationship Id="{rid}" Type="{REL}{kind}" Target="{kind}{n}.xml"/>')
            refs.append(f'<w:{kind}Reference w:type="default" r:id="{rid}"/>')
            parts[f"word/{kind}{n}.xml"] = f"<w:{root} {NS}>{content}</w:{root}>"
    notes = {"footnote": footnotes, "endnote": endnotes}
    for kind, items in notes.items():
        xml = (f'<w:{kind} w:type="separator" w:id="-1">{p("<w:r><w:separator/></w:r>")}</w:{kind}>'
               f'<w:{kind} w:type="continuationSeparator" w:id="0">{p("<w:r><w:continuationSeparator/></w:r>")}</w:{kind}>')
        xml += "".join(f'<w:{kind} w:id="{n}">{content}</w:{kind}>' for n, content in enumerate(items, 1))
        parts[f"word/{kind}s.xml"] = f"<w:{kind}s {NS}>{xml}</w:{kind}s>"
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}'
                f'<w:sectPr>{"".join(refs)}</w:sectPr></w:body></w:document>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", PACKAGE_RELS)
        z.writestr("word/document.xml", document)
        z.writestr("word/_rels/document.xml.rels",
                   '<?xml version="1.0" encoding="UTF-8"?>'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   + "".join(rels) + rels_extra + "</Relationships>")
        for name, xml in parts.items():
            z.writestr(name, xml)
    return buf.getvalue()


def lines(prose):
    return list(zip(prose.locations, prose.text.split("\n")))


def test_a_council_briefing_in_document_order():
    body = (
        p("Budget virement briefing")
        + p("The council will ", "utilise", " a virement.")
        + table([p("Term"), p("Meaning")], [p("virement"), p("moving money") + p("between budgets")])
        + p("Officers will leverage the booking API.")
        + p()  # an empty paragraph is still a paragraph
        + p("After a myocardial infarction.")
    )
    data = docx(
        body,
        headers=[p("Finance committee: virement")],
        footers=[p("Page footer") + p("Second footer line")],
        footnotes=[p("A virement moves money.")],
        endnotes=[p("Endnote about the API.")],
    )
    prose = read_docx(data)
    assert lines(prose) == [
        ("paragraph 1", "Budget virement briefing"),
        ("paragraph 2", "The council will utilise a virement."),
        ("table 1, row 1, cell 1", "Term"),
        ("table 1, row 1, cell 2", "Meaning"),
        ("table 1, row 2, cell 1", "virement"),
        ("table 1, row 2, cell 2, paragraph 1", "moving money"),
        ("table 1, row 2, cell 2, paragraph 2", "between budgets"),
        ("paragraph 3", "Officers will leverage the booking API."),
        ("paragraph 4", ""),
        ("paragraph 5", "After a myocardial infarction."),
        ("header 1", "Finance committee: virement"),
        ("footer 1, paragraph 1", "Page footer"),
        ("footer 1, paragraph 2", "Second footer line"),
        ("footnote 1", "A virement moves money."),
        ("endnote 1", "Endnote about the API."),
    ]
    assert len(prose.locations) == prose.text.count("\n") + 1


def test_mask_is_the_text_with_a_break_between_paragraphs():
    prose = read_docx(docx(p("myocardial") + p("infarction")))
    assert prose.text == "myocardial\ninfarction"
    assert prose.masked == "myocardial" + BREAK + "infarction"
    assert prose.comments == ()


def test_runs_tabs_breaks_and_hyphens():
    body = p("Tab", "<w:r><w:tab/></w:r>", "and", "<w:r><w:br/></w:r>", "break", "<w:r><w:noBreakHyphen/></w:r>", "x")
    assert read_docx(docx(body)).text == "Tab\tand break-x"


def test_deleted_hidden_and_field_code_text_is_left_out():
    body = p(
        "Kept ",
        "<w:del><w:r><w:delText>deleted virement</w:delText></w:r></w:del>",
        "<w:ins><w:r><w:t>inserted </w:t></w:r></w:ins>",
        '<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r>',
        '<w:r><w:rPr><w:vanish w:val="false"/></w:rPr><w:t>shown </w:t></w:r>',
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "x" </w:instrText></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>field result</w:t></w:r>',
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        '<w:hyperlink r:id="rIdX"><w:r><w:t> link text</w:t></w:r></w:hyperlink>',
    )
    assert read_docx(docx(body)).text == "Kept inserted shown field result link text"


def test_newlines_inside_text_do_not_add_lines():
    assert read_docx(docx(p("one\ntwo"))).text == "one two"


def test_nested_tables_and_content_controls():
    inner = table([p("inner cell")])
    body = table([p("outer") + inner]) + "<w:sdt><w:sdtContent>" + p("In a content control") + "</w:sdtContent></w:sdt>"
    assert lines(read_docx(docx(body))) == [
        ("table 1, row 1, cell 1", "outer"),
        ("table 1, row 1, cell 1, table 1, row 1, cell 1", "inner cell"),
        ("paragraph 1", "In a content control"),
    ]


def test_text_boxes_are_their_own_paragraphs_and_fallbacks_are_skipped():
    box = p("Text box virement")
    drawing = (
        "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx><w:txbxContent>"
        f"{box}</w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><w:txbxContent>{box}</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    prose = read_docx(docx(p("Before ", drawing, "after")))
    assert lines(prose) == [
        ("paragraph 1", "Before after"),
        ("text box in paragraph 1", "Text box virement"),
    ]


def test_unicode_text():
    prose = read_docx(docx(p("Café 🎉 &amp; naïve")))
    assert prose.text == "Café 🎉 & naïve"


def test_strict_ooxml_namespace():
    strict = 'xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"'
    data = docx(p("Strict text")).replace(
        b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"', strict.encode())
    assert read_docx(data).text == "Strict text"


# -- errors


def test_corrupt_zip():
    good = docx(p("text"))
    with pytest.raises(ReadError, match="corrupt"):
        read_docx(good[: len(good) // 2])
    with pytest.raises(ReadError, match="corrupt"):
        read_docx(b"not a zip file at all")
    with pytest.raises(ReadError, match="corrupt"):
        read_docx(b"")


def test_encrypted_document():
    # Word saves a password-protected .docx as an OLE compound file holding
    # EncryptionInfo and EncryptedPackage streams (names in UTF-16).
    data = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
            + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 50 + "EncryptedPackage".encode("utf-16-le"))
    with pytest.raises(ReadError, match="password-protected"):
        read_docx(data)


def test_old_binary_doc():
    with pytest.raises(ReadError, match=r"old binary Word \(.doc\)"):
        read_docx(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)


def test_a_zip_that_is_not_a_word_document():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ReadError, match="not a Word document"):
        read_docx(buf.getvalue())
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(ReadError, match="not a Word document"):
        read_docx(buf.getvalue())


def test_broken_xml():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document><w:body><w:p>")
    with pytest.raises(ReadError, match="not well-formed XML"):
        read_docx(buf.getvalue())


def test_xml_with_a_dtd_is_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", '<!DOCTYPE x [<!ENTITY a "aaaa">]><w:document/>')
    with pytest.raises(ReadError, match="DTD"):
        read_docx(buf.getvalue())


def test_document_without_a_body():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", f"<w:document {NS}/>")
    with pytest.raises(ReadError, match="no document body"):
        read_docx(buf.getvalue())


def test_missing_header_part_is_ignored():
    data = docx(p("Body"), rels_extra=f'<Relationship Id="rIdZ" Type="{REL}header" Target="missing.xml"/>')
    assert read_docx(data).text == "Body"


# -- generated documents

_WORD_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"), max_size=30)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(_WORD_TEXT, min_size=1, max_size=3), max_size=6),
       st.lists(st.lists(_WORD_TEXT, min_size=1, max_size=3), max_size=3))
def test_generated_documents_round_trip(paragraphs, cells):
    body = "".join(p(*[escape(run) for run in runs if run] or []) for runs in paragraphs)
    if cells:
        body += table([p(*[escape(run) for run in runs if run]) for runs in cells])
    prose = read_docx(docx(body))
    expected = ["".join(runs) for runs in paragraphs] + ["".join(runs) for runs in cells]
    assert prose.text.split("\n") == expected if expected else prose.text == ""
    assert len(prose.locations) == len(expected)
    assert prose.masked == prose.text.replace("\n", BREAK)
    for location in prose.locations[: len(paragraphs)]:
        assert location.startswith("paragraph ")
