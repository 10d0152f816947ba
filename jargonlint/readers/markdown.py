"""Markdown: CommonMark with GitHub tables and footnotes, and front matter.

Two passes over a work copy of the text (see ``_mask``):

1. Blocks, line by line, with a stack of containers (block quotes, list
   items, footnote definitions) as CommonMark's parsing strategy describes.
   Code blocks, HTML blocks, front matter, reference definitions, thematic
   breaks and heading underlines are masked here, and the markers of
   headings, quotes, list items and table cells.
2. Inline syntax, with compiled patterns over the whole text: code spans,
   autolinks, raw HTML, escapes and entities first (they bind tightest, left
   to right), then links and images, bare URLs and e-mail addresses, and
   emphasis markers.

Kept as prose: headings, paragraphs, list items, table cells, block quotes,
link text, image alt text and footnote text. HTML blocks are read as HTML
(their visible text is prose, with no Markdown inside them, as CommonMark
says). HTML comments are returned as comments. A heading or table row ends in
a BREAK (in place of its line ending's first character), list items and
quotes start with one, and table cells are separated by one.
"""
from __future__ import annotations

import bisect
import re
from itertools import accumulate

from . import BREAK, JOIN, Prose
from ._mask import SOFT, Fixups, blank, brk, decode_entity, finish, mask_urls, prepare, splice
from .html import scan as scan_html
from .html import tag_mask

# ---------------------------------------------------------------- blocks

# A line whose first character is none of these, outside any container, is
# paragraph text: the fast path that most lines take.
_SPECIAL = frozenset("#>-*+=_`~<|[:0123456789 \t")

_WS = re.compile(r"[ \t]*")
_FRONT_YAML = re.compile(r"---[ \t]*\n(?:[^\n]*\n)*?(?:---|\.\.\.)[ \t]*(?:\n|\Z)")
_FRONT_TOML = re.compile(r"\+\+\+[ \t]*\n(?:[^\n]*\n)*?\+\+\+[ \t]*(?:\n|\Z)")
_LIST = re.compile(r"([-+*]|[0-9]{1,9}[.)])(?=[ \t]|$)")
_TASK = re.compile(r"\[[ xX]\](?=[ \t]|$)")
_FOOTDEF = re.compile(r"\[\^[^\]\s]+\]:")
_HR = re.compile(r"(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_SETEXT = re.compile(r"(?:=+|-+)[ \t]*$")
_ATX = re.compile(r"(#{1,6})(?:[ \t]+|$)")
_ATTR_TAIL = re.compile(r"[ \t]*\{[#.:][^{}]*\}[ \t]*$")
_FENCE = re.compile(r"(?:(`{3,})[^`]*|(~{3,}).*)$")
_FENCE_CLOSE = re.compile(r"(`{3,}|~{3,})[ \t]*$")
_DELIM = re.compile(r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_PIPE = re.compile(r"(?<!\\)\|")
_REFDEF = re.compile(
    r"\[(?!\^)(?:[^\[\]\\]|\\.){1,999}\]:[ \t]*(?:<[^<>]*>|\S+)"
    r"(?:[ \t]+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?[ \t]*$"
)
_REFLABEL = re.compile(r"\[(?!\^)(?:[^\[\]\\]|\\.){1,999}\]:[ \t]*$")
_REFDEST = re.compile(r"(?:<[^<>]*>|\S+)(?:[ \t]+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?[ \t]*$")
_REFTITLE = re.compile(r"(?:\"[^\"]*\"|'[^']*'|\([^()]*\))[ \t]*$")

_HTML_BLOCK_NAMES = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|"
    "details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|"
    "h1|h2|h3|h4|h5|h6|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|"
    "noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|"
    "thead|title|tr|track|ul"
)
_ATTRS = r"(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s\"'=<>`]+|'[^']*'|\"[^\"]*\"))?)*"
_HTML_START = [
    (re.compile(r"<(?:script|pre|style|textarea)(?:[ \t>]|$)", re.I), re.compile(r"</(?:script|pre|style|textarea)>", re.I)),
    (re.compile(r"<!--"), re.compile(r"-->")),
    (re.compile(r"<\?"), re.compile(r"\?>")),
    (re.compile(r"<![A-Za-z]"), re.compile(r">")),
    (re.compile(r"<!\[CDATA\["), re.compile(r"\]\]>")),
    (re.compile(r"</?(?:%s)(?:[ \t]|/?>|$)" % _HTML_BLOCK_NAMES, re.I), None),
]
_HTML_TYPE7 = re.compile(
    r"(?:<[A-Za-z][A-Za-z0-9-]*%s\s*/?>|</[A-Za-z][A-Za-z0-9-]*\s*>)[ \t]*$" % _ATTRS
)


class _Box:
    """An open container: a block quote ('>') or a list item or footnote ('li')."""

    __slots__ = ("kind", "indent")

    def __init__(self, kind: str, indent: int = 0):
        self.kind = kind
        self.indent = indent  # content column, relative to the parent's


def _ws(line: str, pos: int, col: int):
    """Skip spaces and tabs: (width in columns, new pos, new col)."""
    end = _WS.match(line, pos).end()
    if end == pos:
        return 0, pos, col
    if "\t" not in line[pos:end]:
        return end - pos, end, col + end - pos
    c = col
    for ch in line[pos:end]:
        c = c + 1 if ch == " " else c + 4 - c % 4
    return c - col, end, c


def _take(line: str, pos: int, col: int, n: int):
    """Consume ``n`` columns of indentation (a tab may overshoot)."""
    target = col + n
    size = len(line)
    while col < target and pos < size:
        ch = line[pos]
        if ch == " ":
            col += 1
        elif ch == "\t":
            col += 4 - col % 4
        else:
            break
        pos += 1
    return pos, col


def _cells(row: str) -> int:
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    return len(_PIPE.findall(row)) + 1


def _apply(line: str, edits: list) -> str:
    if not edits:
        return line
    pieces = []
    last = 0
    for start, end, kind in sorted(edits):
        if start < last:
            continue
        pieces.append(line[last:start])
        seg = line[start:end]
        pieces.append(blank(seg) if kind == " " else brk(seg) if kind == "b" else SOFT * len(seg))
        last = end
    pieces.append(line[last:])
    return "".join(pieces)


def _html_block_type(line: str, pos: int, in_paragraph: bool):
    """If an HTML block starts here, the pattern of its last line (None: a
    blank line ends it); False if none starts."""
    for start, end in _HTML_START:
        if start.match(line, pos):
            return end
    if not in_paragraph and _HTML_TYPE7.match(line, pos):
        return None
    return False


class _Blocks:
    """The block pass (one instance per document)."""

    def __init__(self, work: str, comments: list, fixups: Fixups):
        self.comments = comments
        self.fixups = fixups
        self.lines = work.split("\n")
        self.out = list(self.lines)
        self.eol = ["\n"] * len(self.lines)
        self.eol[-1] = ""
        self.offsets = [0, *accumulate(len(s) + 1 for s in self.lines)]
        self.html = None  # (first line, end pattern or None) of an open HTML block
        self.html_ranges: list[tuple[int, int]] = []  # where HTML blocks are, once read

    def close_html(self, last: int):
        first = self.html[0]
        self.html = None
        segment = "\n".join(self.out[first : last + 1])
        start = self.offsets[first]
        masked = scan_html(segment, start, self.comments, self.fixups)
        self.out[first : last + 1] = masked.split("\n")
        self.html_ranges.append((start, start + len(segment)))

    def mask_row(self, i: int, pos: int):
        line = self.out[i]
        self.out[i] = line[:pos] + _PIPE.sub(BREAK, line[pos:])
        self.eol[i] = BREAK if self.eol[i] else ""

    def run(self) -> str:
        lines = self.lines
        out = self.out
        eol = self.eol
        start = 0
        work = "\n".join(lines)
        front = _FRONT_YAML.match(work) or _FRONT_TOML.match(work)
        if front:
            start = work.count("\n", 0, front.end())
            if not front.group().endswith("\n"):
                start += 1  # the front matter ends the file
            for k in range(start):
                out[k] = blank(lines[k])
        stack: list[_Box] = []
        leaf = None  # None, 'para', 'fence', 'icode', 'html', 'table'
        fence = ("", 0)
        para = (-1, 0)  # (line, content start) of the paragraph's last line
        para_prev = -1  # the line before it in the same paragraph
        ref = None  # None, 'dest' or 'title': what a reference definition may continue with
        special = _SPECIAL
        for i in range(start, len(lines)):
            line = lines[i]
            if not stack and ref is None and (leaf is None or leaf == "para") and line and line[0] not in special:
                if leaf == "para":
                    para_prev = para[0]
                else:
                    para_prev = -1
                    leaf = "para"
                para = (i, 0)
                continue
            if not stack:  # more fast paths, outside containers
                if not line:  # a blank line
                    if leaf == "html" and self.html[1] is None:
                        self.close_html(i - 1)
                        leaf = None
                    elif leaf == "para" or leaf == "table":
                        leaf = None
                    ref = None
                    continue
                if leaf == "fence" and fence[0] not in line:  # a code line
                    out[i] = " " * len(line)
                    continue
            pos = col = 0
            edits = []
            size = len(line)
            # 1. Which open containers does this line continue?
            matched = 0
            for box in stack:
                width, p2, c2 = _ws(line, pos, col)
                if box.kind == ">":
                    if width <= 3 and p2 < size and line[p2] == ">":
                        edits.append((p2, p2 + 1, " "))
                        pos, col = p2 + 1, c2 + 1
                        if pos < size and line[pos] in " \t":
                            pos, col = _take(line, pos, col, 1)
                    else:
                        break
                elif p2 == size:
                    pos, col = p2, c2
                elif width >= box.indent:
                    pos, col = _take(line, pos, col, box.indent)
                else:
                    break
                matched += 1
            all_matched = matched == len(stack)
            width, p2, c2 = _ws(line, pos, col)
            blank_rest = p2 == size

            # 2. Leaves that swallow lines while their containers go on.
            if all_matched and leaf == "fence":
                if width <= 3:
                    m = _FENCE_CLOSE.match(line, p2)
                    if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= fence[1]:
                        leaf = None
                edits.append((pos, size, " "))
                out[i] = _apply(line, edits)
                continue
            if all_matched and leaf == "html":
                out[i] = _apply(line, edits)
                end_pattern = self.html[1]
                if end_pattern is None:
                    if blank_rest:
                        self.close_html(i - 1)
                        leaf = None
                elif end_pattern.search(line, pos):
                    self.close_html(i)
                    leaf = None
                continue
            if all_matched and leaf == "icode":
                if blank_rest or width >= 4:
                    edits.append((pos, size, " "))
                    out[i] = _apply(line, edits)
                    continue
                leaf = None

            # 3. A line that leaves containers open only as a lazy continuation.
            if not all_matched:
                # The paragraph is not in the innermost matched container, so
                # the rules for interrupting one (list numbering) do not apply.
                if leaf == "para" and not blank_rest and not self.starts_block(line, p2, width, False):
                    para_prev, para = para[0], (i, p2)
                    out[i] = _apply(line, edits)
                    continue
                if leaf == "html":
                    self.close_html(i - 1)
                leaf = None
                del stack[matched:]

            # 4. New containers.
            while True:
                width, p2, c2 = _ws(line, pos, col)
                if width >= 4 or p2 >= size:
                    break
                ch = line[p2]
                if ch == ">":
                    self.close_leaf(leaf, i)
                    leaf = None
                    stack.append(_Box(">"))
                    edits.append((p2, p2 + 1, "b"))
                    pos, col = p2 + 1, c2 + 1
                    if pos < size and line[pos] in " \t":
                        pos, col = _take(line, pos, col, 1)
                    continue
                m = _LIST.match(line, p2)
                if m and not _HR.match(line, p2):
                    mend = m.end()
                    pw, p3, c3 = _ws(line, mend, c2 + mend - p2)
                    empty = p3 == size
                    marker = m.group(1)
                    if leaf == "para" and (empty or (marker[0].isdigit() and int(marker[:-1]) != 1)):
                        break
                    if empty or pw >= 5:
                        pw = 1
                    self.close_leaf(leaf, i)
                    leaf = None
                    stack.append(_Box("li", (c2 - col) + len(marker) + pw))
                    edits.append((p2, mend, "b"))
                    pos, col = _take(line, mend, c2 + len(marker), pw)
                    t = _TASK.match(line, pos)
                    if t:
                        edits.append((t.start(), t.end(), " "))
                    continue
                m = _FOOTDEF.match(line, p2)
                if m:
                    self.close_leaf(leaf, i)
                    leaf = None
                    stack.append(_Box("li", (c2 - col) + 4))
                    edits.append((p2, m.end(), "b"))
                    pos, col = m.end(), c2 + m.end() - p2
                    continue
                break

            # 5. The leaf this line belongs to.
            width, p2, c2 = _ws(line, pos, col)
            if p2 >= size:  # blank
                if leaf == "html":
                    self.close_html(i - 1)
                if leaf != "icode":
                    leaf = None
                ref = None
                out[i] = _apply(line, edits)
                continue
            if width >= 4 and leaf != "para":  # (an indented line ends a table too)
                if leaf != "icode":
                    self.close_leaf(leaf, i)
                    leaf = "icode"
                edits.append((pos, size, " "))
                out[i] = _apply(line, edits)
                continue
            ch = line[p2]
            if width < 4:
                if ch in "`~":
                    m = _FENCE.match(line, p2)
                    if m:
                        self.close_leaf(leaf, i)
                        leaf = "fence"
                        run = m.group(1) or m.group(2)
                        fence = (run[0], len(run))
                        edits.append((pos, size, " "))
                        out[i] = _apply(line, edits)
                        continue
                if ch == "#":
                    m = _ATX.match(line, p2)
                    if m:
                        self.close_leaf(leaf, i)
                        leaf = None
                        self.heading(line, edits, m, size)
                        out[i] = _apply(line, edits)
                        if eol[i]:
                            eol[i] = BREAK
                        continue
                if ch == "<":
                    end_pattern = _html_block_type(line, p2, leaf == "para")
                    if end_pattern is not False:
                        self.close_leaf(leaf, i)
                        out[i] = _apply(line, edits)
                        self.html = (i, end_pattern)
                        if end_pattern is not None and end_pattern.search(line, p2 + 2):
                            self.close_html(i)
                            leaf = None
                        else:
                            leaf = "html"
                        continue
                if leaf == "para" and ch in "=-" and _SETEXT.match(line, p2):
                    leaf = None
                    edits.append((p2, size, "b"))
                    out[i] = _apply(line, edits)
                    continue
                if (
                    leaf == "para"
                    and ch in "|:-"
                    and _DELIM.match(line, p2)
                    and "|" in line
                    and _cells(line[p2:]) == _cells(out[para[0]][para[1] :])
                ):
                    self.mask_row(*para)
                    if para_prev >= 0 and eol[para_prev] == "\n":
                        eol[para_prev] = BREAK
                    leaf = "table"
                    edits.append((p2, size, "b"))
                    out[i] = _apply(line, edits)
                    if eol[i]:
                        eol[i] = BREAK
                    continue
                if ch in "*-_" and _HR.match(line, p2):
                    self.close_leaf(leaf, i)
                    leaf = None
                    edits.append((p2, size, "b"))
                    out[i] = _apply(line, edits)
                    continue
            if leaf == "table":
                out[i] = _apply(line, edits)
                self.mask_row(i, p2)
                continue
            if leaf is None:
                if ch == "[" and (_REFDEF.match(line, p2) or _REFLABEL.match(line, p2)):
                    ref = "dest" if _REFLABEL.match(line, p2) else "title"
                    edits.append((p2, size, " "))
                    out[i] = _apply(line, edits)
                    continue
                if ref == "dest" and _REFDEST.match(line, p2):
                    ref = "title"
                    edits.append((p2, size, " "))
                    out[i] = _apply(line, edits)
                    continue
                if ref == "title" and _REFTITLE.match(line, p2):
                    ref = None
                    edits.append((p2, size, " "))
                    out[i] = _apply(line, edits)
                    continue
                leaf = "para"
                para_prev = -1
            else:
                para_prev = para[0]
            ref = None
            para = (i, p2)
            out[i] = _apply(line, edits)
        if leaf == "html":
            self.close_html(len(lines) - 1)
        return "".join(map(str.__add__, out, eol))

    def close_leaf(self, leaf, i: int):
        """End the open leaf because a new block starts on line ``i``.

        (A block that interrupts a paragraph starts with a BREAK or is masked
        whole, so the paragraph needs no BREAK of its own.)
        """
        if leaf == "html":
            self.close_html(i - 1)

    @staticmethod
    def starts_block(line: str, pos: int, width: int, in_paragraph: bool) -> bool:
        """Would ``line`` at ``pos`` start a block that can interrupt a paragraph?"""
        if width >= 4:
            return False
        ch = line[pos]
        if ch == ">":
            return True
        if ch in "*-_" and _HR.match(line, pos):
            return True
        m = _LIST.match(line, pos)
        if m:
            marker = m.group(1)
            if not in_paragraph:
                return True
            if line[m.end() :].strip() and (not marker[0].isdigit() or int(marker[:-1]) == 1):
                return True
        if ch in "`~" and _FENCE.match(line, pos):
            return True
        if ch == "#" and _ATX.match(line, pos):
            return True
        if ch == "<" and _html_block_type(line, pos, True) is not False:  # type 7 never interrupts
            return True
        return False

    @staticmethod
    def heading(line: str, edits: list, m, size: int):
        edits.append((m.start(1), m.end(1), "b"))
        end = size
        attr = _ATTR_TAIL.search(line, m.end())
        if attr:
            edits.append((attr.start(), size, " "))
            end = attr.start()
        content = line[m.end() : end].rstrip(" \t")
        j = len(content)
        k = j
        while k > 0 and content[k - 1] == "#":
            k -= 1
        if k < j and (k == 0 or content[k - 1] in " \t"):
            edits.append((m.end() + k, m.end() + j, " "))


# ---------------------------------------------------------------- inlines

# One character of a paragraph: not a BREAK, and no newline that ends it.
_P = r"(?:[^\n\x1e]|\n(?![ \t]*(?:\n|\Z)))"
# Patterns run over the whole document start each alternative with a literal
# character, so that the regex engine can skip ahead to it.
_TICK_OR_ESCAPE = re.compile(r"\\[!-/:-@\[-`{-~]|\\(?=\n)|``*")
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n|\x1e")
_HTMLISH = re.compile(
    r"<(?:(?P<auto>[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>"
    r"|(?P<mail>[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>"
    rf"|!--(?P<comment>-?>|(?P<body>{_P}*?)-->)"
    rf"|(?P<cn>(?i:code|kbd|samp))(?:\s[^>]*)?>(?P<code>{_P}*?)</(?P=cn)\s*>"
    r"|(?P<name>[A-Za-z][A-Za-z0-9-]*)" + _ATTRS + r"\s*/?>"
    r"|/(?P<cname>[A-Za-z][A-Za-z0-9-]*)\s*>"
    rf"|(?P<other>\?{_P}*?\?>|![A-Za-z][^>]*>|!\[CDATA\[{_P}*?\]\]>))"
    r"|&(?P<ent>#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)"
)

# A link's text: brackets may nest one level (an image inside a link).
_LINK_TEXT = r"(?:[^\[\]\n\x1e]|\n(?![ \t]*\n)|\[(?:[^\[\]\n\x1e]|\n(?![ \t]*\n))*\])*"
_LINK_TAIL = (
    r"\(\s*(?:<[^<>\n]*>|(?:[^\s()]|\([^\s()]*\))*)"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)"
    r"|\[[^\[\]\x1e]*\]"
)
_LINK = re.compile(
    r"\[\^(?P<fn>[^\]\s\x1e]+)\]"
    rf"|!\[(?P<alt>{_LINK_TEXT})\](?P<itail>{_LINK_TAIL})?"
    rf"|\[(?P<text>{_LINK_TEXT})\](?P<tail>{_LINK_TAIL})?"
)
_EMPHASIS = re.compile(r"\*\**|__*|~~*")
_SHIELD = re.compile(r"[^\n]")


_TICK_RUN = re.compile(r"``*")


def _code_and_escapes(work: str, fixups: Fixups) -> str:
    """Mask code spans and backslash escapes, left to right as they bind.

    A code span closes at the next run of exactly as many backticks in the
    same paragraph; runs are indexed by length first, so that a document full
    of unmatched backticks still reads in linear time.
    """
    runs: dict[int, list[int]] = {}
    for m in _TICK_RUN.finditer(work):
        runs.setdefault(m.end() - m.start(), []).append(m.start())
    edits = []
    pos = 0
    stop = -1  # end of the paragraph that pos is in
    search = _TICK_OR_ESCAPE.search
    while True:
        m = search(work, pos)
        if m is None:
            break
        start, pos = m.span()
        token = m.group()
        if token[0] == "\\":
            if len(token) == 1:  # a hard line break
                edits.append((start, pos, " "))
            else:
                edits.append((start, pos, JOIN + fixups.put(start + 1, token[1])))
            continue
        if stop < pos:
            end = _PARAGRAPH_END.search(work, pos)
            stop = end.start() if end else len(work)
        same = runs.get(len(token), ())
        k = bisect.bisect_left(same, pos)
        if k < len(same) and same[k] < stop:
            close = same[k] + len(token)
            edits.append((start, close, blank(work[start:close])))
            pos = close
    return splice(work, edits)


def _htmlish(work: str, comments: list, fixups: Fixups) -> str:
    def repl(m):
        token = m.group()
        if m.group("ent") is not None:
            decoded = decode_entity(token)
            return token if decoded is None else fixups.put(m.start(), decoded)
        name = m.group("name") or m.group("cname")
        if name:
            return tag_mask(token, name)
        if m.group("comment") is not None:
            comments.append((m.start(), (m.group("body") or "").strip()))
        return blank(token)

    return _HTMLISH.sub(repl, work)


def _link(m) -> str:
    token = m.group()
    if m.group("fn") is not None:
        return blank(token)
    if token[0] == "!":
        text, tail, head = m.group("alt"), m.group("itail"), " " + SOFT
    else:
        text, tail, head = m.group("text"), m.group("tail"), SOFT
    if "[" in text:
        text = _LINK.sub(_link, text)
    return head + text + SOFT + (blank(tail) if tail else "")


def _emphasis(m) -> str:
    token = m.group()
    s = m.string
    start, end = m.span()
    before = s[start - 1] if start else " "
    after = s[end] if end < len(s) else " "
    if (before.isspace() or before == BREAK) and (after.isspace() or after == BREAK):
        return token  # not a delimiter: "2 * 3"
    if token[0] == "_" and before.isalnum() and after.isalnum():
        return token  # snake_case
    if token[0] == "~" and len(token) > 2:
        return token
    return SOFT * len(token)


def read_markdown(text: str) -> Prose:
    work = prepare(text)
    comments: list = []
    fixups = Fixups()
    blocks = _Blocks(work, comments, fixups)
    work = blocks.run()
    # HTML blocks are raw: no Markdown inside them. Hide them from the inline
    # passes, then put them back with their bare URLs masked.
    raw = [(s, e, work[s:e]) for s, e in sorted(blocks.html_ranges)]
    if raw:
        work = splice(work, [(s, e, _SHIELD.sub("\x03", piece)) for s, e, piece in raw])
    if "`" in work or "\\" in work:
        work = _code_and_escapes(work, fixups)
    if "<" in work or "&" in work:
        work = _htmlish(work, comments, fixups)
    if "[" in work:
        work = _LINK.sub(_link, work)
    work = mask_urls(work)
    work = _EMPHASIS.sub(_emphasis, work)
    if raw:
        work = splice(work, [(s, e, mask_urls(piece)) for s, e, piece in raw])
    comments.sort()
    return Prose(text, finish(text, work, fixups), tuple(comments))
