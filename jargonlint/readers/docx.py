"""Word documents (.docx), read with the standard library alone.

A .docx file is a zip archive of XML parts. The reader takes the text a Word
user sees, one line per Word paragraph, in this order: the body (paragraphs
and tables, in document order), then headers, footers, footnotes and
endnotes. ``Prose.locations`` names each line in terms a Word user can
follow ("paragraph 12", "table 1, row 2, cell 3", "header 1", "footnote 3"),
so a finding's ``line`` is an index into it.

Within a paragraph: tabs are kept, line breaks become spaces, deleted text
(tracked changes), field codes and hidden text are left out. The mask equals
the text except that each paragraph ends in a BREAK, as no term runs from
one Word paragraph into the next.

A corrupt archive, a file that is not a Word document, and an encrypted
(password-protected) document raise ``ReadError`` with a message that says
which.
"""
from __future__ import annotations

import io
import posixpath
import zipfile
import xml.etree.ElementTree as ET

from . import BREAK, Prose, ReadError

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAX_PART = 256 * 1024 * 1024  # refuse XML parts that unpack larger (zip bombs)

_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_REL_STRICT = "{http://purl.oclc.org/ooxml/officeDocument/relationships}"

# Elements whose content Word does not show as text.
_SKIP = frozenset(
    {"del", "moveFrom", "delText", "instrText", "delInstrText", "Fallback", "rPr", "pPr",
     "footnoteReference", "endnoteReference", "commentReference", "annotationRef"}
)


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _hidden(run) -> bool:
    for child in run:
        if _local(child.tag) == "rPr":
            for prop in child:
                if _local(prop.tag) in ("vanish", "specVanish"):
                    val = _attr(prop, "val")
                    return val not in ("0", "false", "off")
    return False


def _attr(element, name: str):
    for key, value in element.attrib.items():
        if _local(key) == name:
            return value
    return None


class _Reader:
    def __init__(self, data: bytes):
        if data[:8] == OLE_SIGNATURE:
            utf16 = "EncryptedPackage".encode("utf-16-le")
            if utf16 in data or "EncryptionInfo".encode("utf-16-le") in data:
                raise ReadError(
                    "the Word document is password-protected (encrypted); "
                    "remove the password in Word (File > Info > Protect Document) and save it again"
                )
            raise ReadError("this is an old binary Word (.doc) file, not .docx; save it as .docx in Word")
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            self.names = set(self.zip.namelist())
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
            raise ReadError(f"not a valid .docx file: the zip archive is corrupt ({exc})") from None
        self.lines: list[str] = []
        self.locations: list[str] = []

    # -- parts

    def xml(self, name: str):
        try:
            info = self.zip.getinfo(name)
            if info.file_size > _MAX_PART:
                raise ReadError(f"not a valid .docx file: part {name} is too large")
            raw = self.zip.read(name)
        except KeyError:
            raise ReadError(f"not a valid .docx file: part {name} is missing") from None
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
            raise ReadError(f"not a valid .docx file: the zip archive is corrupt ({exc})") from None
        if b"<!DOCTYPE" in raw[:4096] or b"<!ENTITY" in raw:
            raise ReadError(f"not a valid .docx file: part {name} declares a DTD")
        try:
            return ET.fromstring(raw)
        except ET.ParseError as exc:
            raise ReadError(f"not a valid .docx file: part {name} is not well-formed XML ({exc})") from None

    def relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """Id -> (type, target part name) for ``part`` ("" for the package)."""
        folder, base = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", base + ".rels")
        if rels not in self.names:
            return {}
        out = {}
        for rel in self.xml(rels):
            if _local(rel.tag) != "Relationship" or rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            if target.startswith("/"):
                name = target.lstrip("/")
            else:
                name = posixpath.normpath(posixpath.join(folder, target))
            out[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], name)
        return out

    def main_part(self) -> str:
        for kind, name in self.relationships("").values():
            if kind == "officeDocument" and name in self.names:
                return name
        if "word/document.xml" in self.names:
            return "word/document.xml"
        if "[Content_Types].xml" in self.names:
            raise ReadError("not a Word document: the archive has no word/document.xml (is it another Office file?)")
        raise ReadError("not a Word document: a zip archive without Word's parts")

    # -- text

    def text_of(self, paragraph) -> str:
        pieces: list[str] = []
        self._collect(paragraph, pieces)
        text = "".join(pieces)
        if "\n" in text or "\r" in text:
            text = text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
        return text

    def _collect(self, element, pieces: list):
        for child in element:
            name = _local(child.tag)
            if name in _SKIP:
                continue
            if name == "t":
                pieces.append(child.text or "")
            elif name == "tab" or name == "ptab":
                pieces.append("\t")
            elif name in ("br", "cr"):
                pieces.append(" ")
            elif name == "noBreakHyphen":
                pieces.append("-")
            elif name == "txbxContent":
                continue  # text boxes are read as their own paragraphs
            elif name == "r" and _hidden(child):
                continue
            else:
                self._collect(child, pieces)

    def add(self, text: str, location: str):
        self.lines.append(text)
        self.locations.append(location)

    def blocks(self, container, label: str | None, counter: list):
        """Read the paragraphs and tables in ``container``, in order.

        ``label`` names the container (a cell, a header); None for the body,
        whose paragraphs are numbered by ``counter``.
        """
        items = list(self._block_items(container))
        paragraphs = sum(1 for kind, _ in items if kind == "p")
        tables = 0
        index = 0
        for kind, element in items:
            if kind == "p":
                index += 1
                if label is None:
                    counter[0] += 1
                    where = f"paragraph {counter[0]}"
                elif paragraphs > 1:
                    where = f"{label}, paragraph {index}"
                else:
                    where = label
                self.add(self.text_of(element), where)
                for box in self._text_boxes(element):
                    self.blocks(box, f"text box in {where}", counter)
            else:
                if label is None:
                    counter[1] += 1
                    table = f"table {counter[1]}"
                else:
                    tables += 1
                    table = f"{label}, table {tables}"
                self.table(element, table, counter)

    def _block_items(self, container):
        for child in container:
            name = _local(child.tag)
            if name == "p":
                yield "p", child
            elif name == "tbl":
                yield "tbl", child
            elif name in ("sdt", "sdtContent", "customXml", "ins", "moveTo", "smartTag"):
                yield from self._block_items(child)

    def _text_boxes(self, paragraph):
        stack = [paragraph]
        while stack:
            element = stack.pop()
            for child in reversed(list(element)):
                name = _local(child.tag)
                if name == "Fallback":
                    continue
                if name == "txbxContent":
                    yield child
                else:
                    stack.append(child)

    def table(self, table, label: str, counter: list):
        row_no = 0
        for row in self._children(table, "tr"):
            row_no += 1
            cell_no = 0
            for cell in self._children(row, "tc"):
                cell_no += 1
                self.blocks(cell, f"{label}, row {row_no}, cell {cell_no}", counter)

    def _children(self, element, wanted: str):
        for child in element:
            name = _local(child.tag)
            if name == wanted:
                yield child
            elif name in ("sdt", "sdtContent", "customXml", "ins", "moveTo"):
                yield from self._children(child, wanted)

    def notes(self, name: str, kind: str):
        root = self.xml(name)
        number = 0
        for note in root:
            if _local(note.tag) != kind:
                continue
            if _attr(note, "type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            number += 1
            self.blocks(note, f"{kind} {number}", [0, 0])

    def read(self) -> Prose:
        main = self.main_part()
        document = self.xml(main)
        body = next((c for c in document if _local(c.tag) == "body"), None)
        if _local(document.tag) != "document" or body is None:
            raise ReadError(f"not a Word document: {main} has no document body")
        self.blocks(body, None, [0, 0])
        rels = self.relationships(main)
        # Headers and footers in the order the document's sections use them.
        used: dict[str, list[str]] = {"header": [], "footer": []}
        for element in document.iter():
            name = _local(element.tag)
            if name in ("headerReference", "footerReference"):
                rid = element.get(_REL + "id") or element.get(_REL_STRICT + "id")
                kind = name[: -len("Reference")]
                target = rels.get(rid or "", ("", ""))[1]
                if target in self.names and target not in used[kind]:
                    used[kind].append(target)
        for kind in ("header", "footer"):
            for number, part in enumerate(used[kind], 1):
                self.blocks(self.xml(part), f"{kind} {number}", [0, 0])
        for kind in ("footnotes", "endnotes"):
            part = next((name for k, name in rels.values() if k == kind and name in self.names), None)
            if part:
                self.notes(part, kind[:-1])
        text = "\n".join(self.lines)
        return Prose(text, text.replace("\n", BREAK), (), tuple(self.locations))


def read_docx(data: bytes) -> Prose:
    """Read a .docx file's bytes; raise ReadError if they are not one."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError("read_docx takes the file's bytes")
    return _Reader(bytes(data)).read()
