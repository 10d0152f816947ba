"""reStructuredText: the prose of paragraphs, titles, lists, tables and
admonitions; not literal blocks, code, targets, substitutions or comments.

Two passes over a work copy of the text (see ``_mask``), each with compiled
patterns over the whole text:

1. Blocks. One pattern finds every place where a block construct may start
   (explicit markup ``..``, anonymous targets, doctest blocks, tables,
   section adornments, ``::`` ending a paragraph, and the markers of list
   items, field names and line blocks); each is masked over its indented
   extent. Comments are returned as comments, so
   ``.. jargonlint-disable-next-line virement`` works.
2. Inline markup: literals, roles (the title of ``:ref:`title <target>``` is
   kept; a role that shows code is masked), references, substitution and
   footnote references, emphasis markers, escapes, and standalone URLs.

Interpreted text without a role (```name```) is masked: in Sphinx projects
it almost always names code. Directives are prose unless they show code or
data: their arguments and options are masked and their body is read as
prose, except for the directives in ``CODE_DIRECTIVES``, masked whole.
"""
from __future__ import annotations

import re

from . import BREAK, JOIN, Prose
from ._mask import SOFT, Fixups, blank, brk, finish, prepare, splice, url_spans

# Directives whose whole block (arguments, options and body) is not prose.
CODE_DIRECTIVES = frozenset(
    """code code-block sourcecode literalinclude highlight productionlist doctest
    testcode testoutput testsetup testcleanup math raw graphviz graph digraph
    include toctree index image parsed-literal code-cell ipython
    jupyter-execute mermaid plantuml uml program-output command-output
    tabularcolumns literal-block meta default-role role title contents sectnum
    unicode date autosummary""".split()
)
# Directives whose first line is prose (content or a title), not arguments.
PROSE_FIRST = frozenset(
    """attention caution danger error hint important note tip warning seealso
    admonition topic sidebar rubric centered hlist glossary epigraph highlights
    pull-quote compound versionadded versionchanged deprecated versionremoved
    table list-table csv-table line-block""".split()
)
# Roles whose content is shown as text.
PROSE_ROLES = frozenset(
    """emphasis strong term abbr dfn title-reference title t sub subscript sup
    superscript guilabel menuselection""".split()
)

# Run over "\n" + text, so that every line starts after a newline: patterns
# that start with a literal character let the regex engine skip ahead.
_ENUM_ALPHA = r"(?:[A-Za-z]|[ivxlcdm]+|[IVXLCDM]+)"
_EVENT = re.compile(
    r"""
     \n(?P<ind>[ \t]*)(?:
         (?P<exp>\.\.)(?=[ \t\n]|\Z)
       | (?P<anon>__)(?=[ \t\n]|\Z)
       | (?P<doc>>>>)(?=[ \t\n]|\Z)
       | (?P<grid>\+(?:[-=]+\+)+)[ \t]*(?=\n|\Z)
       | (?P<simple>=+(?:[ \t]+=+)+)[ \t]*(?=\n|\Z)
       | (?P<adorn>(?<=\n)(?P<ac>[!-/:-@\[-`{-~])(?P=ac){2,})[ \t]*(?=\n|\Z)
       | (?P<bullet>[-*+\u2022\u2023\u2043]|(?:[0-9]+|\#)[.)]|\((?:[0-9]+|\#)\))(?=[ \t]+\S)
       | (?P<field>:(?![ \t:])(?:[^:`\n\\]|\\.|`[^`\n]*`)+(?<![ \t]):)(?=[ \t\n]|\Z)
       | (?P<bar>\|)(?=[ \t\n]|\Z)
       # Letters and roman numerals only where a paragraph starts: "A. Smith" is no list.
       | (?:(?<=\n\n)|(?<=\A\n))(?P<alpha>%s[.)]|\(%s\))(?=[ \t]+\S)
     )
    |::(?P<lit>)[ \t]*(?=\n|\Z)
    """
    % (_ENUM_ALPHA, _ENUM_ALPHA),
    re.X,
)
# What follows "..": a hyperlink target, a substitution definition, a footnote
# or citation, a directive; else it is a comment.
_EXPLICIT = re.compile(
    r"""[ \t]+(?:
        (?P<target>_(?:`[^`\n]*`|[^:\n\\`]|\\.)*:)(?=[ \t\n]|\Z)
      | (?P<subst>\|[^|\n]+\|[ \t]+[A-Za-z0-9][-_.:+A-Za-z0-9]*::)
      | (?P<footnote>\[(?:[0-9]+|\#[^\]\s]*|\*|[^\]\s]+)\])(?=[ \t\n]|\Z)
      | (?P<directive>[A-Za-z0-9][-_.:+A-Za-z0-9]*)::(?=[ \t\n]|\Z)
    )""",
    re.X,
)
_OPTION = re.compile(r"[ \t]+:(?![ \t])[^:\n]*:(?=[ \t\n]|\Z)")
_PARA_END = re.compile(r"\n[ \t]*(?:\n|\Z)|\Z")
_GRID_REST = re.compile(r"(?:\n[ \t]*[+|][^\n]*)*")
_GRID_BORDER = re.compile(r"[ \t]*\+[-=+]*[ \t]*$")
_DASH_LINE = re.compile(r"[ \t]*-+(?:[ \t]+-+)*[ \t]*$")
_SIMPLE_BORDER = re.compile(r"[ \t]*=+(?:[ \t]+=+)*[ \t]*$")
_MARKER = re.compile(r"(?:[-*+\u2022\u2023\u2043]|\(?(?:[0-9]+|#)[.)])[ \t]+")
_CONT_CACHE: dict[int, re.Pattern] = {}


def _continuation(indent: int) -> re.Pattern:
    """Lines that continue a block at ``indent``: blank or indented more."""
    pat = _CONT_CACHE.get(indent)
    if pat is None:
        pat = re.compile(r"(?:\n(?:[ \t]*(?=\n|\Z)|[ \t]{%d,}[^\n]*))*" % (indent + 1))
        _CONT_CACHE[indent] = pat
    return pat


def _line_end(work: str, pos: int) -> int:
    end = work.find("\n", pos)
    return len(work) if end == -1 else end


def _block_end(work: str, line_end: int, indent: int) -> int:
    """End of the block whose first line ends at ``line_end`` (no trailing blank lines)."""
    end = _continuation(indent).match(work, line_end).end()
    if end == line_end:
        return end
    return line_end + len(work[line_end:end].rstrip())


def _indent(work: str, start: int, end: int) -> int:
    return len(work[start:end]) - len(work[start:end].lstrip(" \t"))


class _Blocks:
    """The block pass: each handler masks the construct it is called for and
    returns where the next one may start (inside a masked block, none may)."""

    def __init__(self, work: str, comments: list):
        self.work = work
        self.comments = comments
        self.edits: list = []

    def mask(self, start: int, end: int, how=blank):
        if end > start:
            self.edits.append((start, end, how(self.work[start:end])))

    def run(self) -> str:
        skip = 0
        for m in _EVENT.finditer(self.work):
            kind = m.lastgroup
            if (m.start() if kind == "lit" else m.start() + 1) < skip:
                continue
            skip = max(skip, getattr(self, "on_" + kind)(m))
        return splice(self.work, self.edits)

    def _mask_as_boundary(self, m) -> int:
        """Bullets, enumerators, field names and section adornments: masked, and they end a block."""
        self.mask(m.start(m.lastgroup), m.end(), brk)
        return m.end()

    on_bullet = on_alpha = on_field = on_adorn = _mask_as_boundary

    def on_bar(self, m) -> int:
        self.mask(m.start("bar"), m.end())
        return m.end()

    def on_doc(self, m) -> int:
        end = _PARA_END.search(self.work, m.start("ind")).start()
        self.mask(m.start("ind"), end)
        return end

    def on_anon(self, m) -> int:
        end = _block_end(self.work, _line_end(self.work, m.start("ind")), len(m.group("ind")))
        self.mask(m.start("ind"), end)
        return end

    def on_exp(self, m) -> int:
        work = self.work
        start = m.start("exp")
        after = m.end("exp")
        line_end = _line_end(work, after)
        end = _block_end(work, line_end, start - m.start("ind"))
        x = _EXPLICIT.match(work, after, line_end)
        kind = x.lastgroup if x else None
        if kind == "directive":
            return self.directive(x, start, line_end, end)
        if kind == "footnote":
            self.mask(start, x.end(), brk)
            return x.end()
        if kind is None:
            # A comment: masked, and its text handed on for suppression directives.
            body = work[after:end]
            if "\n" in body:
                body = "\n".join(part.strip() for part in body.split("\n"))
            self.comments.append((start, body.strip()))
        self.mask(start, end)  # targets, substitution definitions, comments
        return end

    def directive(self, d, start: int, line_end: int, end: int) -> int:
        work = self.work
        name = d.group("directive").lower().rsplit(":", 1)[-1]
        if name in CODE_DIRECTIVES:
            self.mask(start, end, brk)
            return end
        if name not in PROSE_FIRST:
            # Arguments and options: every line up to the first blank one.
            header = _PARA_END.search(work, line_end).start()
            header = min(header, end)
            self.mask(start, header, brk)
            return max(header, line_end)
        self.mask(start, d.end(), brk)
        # Content may start on the first line; options, ":name: value" lines
        # with their own continuation lines, come before it.
        pos = line_end
        option_indent = None
        while pos < end:
            nxt = _line_end(work, pos + 1)
            if _OPTION.match(work, pos + 1, nxt):
                option_indent = _indent(work, pos + 1, nxt)
            elif option_indent is None or _indent(work, pos + 1, nxt) <= option_indent or not work[pos + 1 : nxt].strip():
                break
            pos = nxt
        self.mask(line_end, pos)
        return max(pos, line_end)

    def on_lit(self, m) -> int:
        work = self.work
        start = m.start()
        line_start = work.rfind("\n", 0, start) + 1
        line_end = _line_end(work, start)
        # The literal block must follow a blank line.
        nxt = _line_end(work, line_end + 1) if line_end < len(work) else line_end
        if line_end >= len(work) or work[line_end + 1 : nxt].strip():
            return m.end()
        indent = _indent(work, line_start, line_end)
        marker = _MARKER.match(work, line_start + indent, line_end)
        if marker:
            indent += marker.end() - marker.start()
        if start == line_start + _indent(work, line_start, line_end) or work[start - 1] in " \t":
            self.mask(start, start + 2)  # "text ::" or "::" shows nothing
        else:
            self.mask(start + 1, start + 2)  # "text::" shows "text:"
        # First non-blank line after it.
        pos = nxt
        while pos < len(work):
            end_of = _line_end(work, pos + 1)
            if work[pos + 1 : end_of].strip():
                break
            pos = end_of
        if pos >= len(work):
            return m.end()
        first = pos + 1
        first_end = _line_end(work, first)
        if _indent(work, first, first_end) <= indent:
            return m.end()
        end = _block_end(work, first_end, indent)
        self.mask(first, end)
        return end

    def on_grid(self, m) -> int:
        work = self.work
        start = m.start("ind")
        line_end = _line_end(work, start)
        end = _GRID_REST.match(work, line_end).end()
        top = work[start:line_end]
        columns = [i for i, ch in enumerate(top) if ch == "+"]
        self._table_rows(start, end, lambda pos, nxt: _GRID_BORDER.match(work, pos, nxt), columns, "|+")
        return end

    def on_simple(self, m) -> int:
        work = self.work
        start = m.start("ind")
        line_end = _line_end(work, start)
        top = work[start:line_end]
        gaps = [i for i in range(1, len(top)) if top[i] in " \t" and top[i - 1] == "="]
        end = _PARA_END.search(work, start).start()
        def is_border(pos, nxt):
            return _SIMPLE_BORDER.match(work, pos, nxt) or _DASH_LINE.match(work, pos, nxt)

        self._table_rows(start, end, is_border, gaps, " \t")
        return end

    def _table_rows(self, pos, end, is_border, columns, cell_edge):
        """Mask a table's border lines, and break its other lines where a cell edge stands in a column."""
        work = self.work
        while pos < end:
            nxt = _line_end(work, pos)
            if is_border(pos, nxt):
                self.mask(pos, nxt, brk)
            else:
                for col in columns:
                    at = pos + col
                    if at < nxt and work[at] in cell_edge:
                        self.edits.append((at, at + 1, BREAK))
            pos = nxt + 1


# Inline markup. A start-string follows whitespace, an opening bracket or
# some punctuation (the assertion ``(?<!R.)`` after it checks that); an
# end-string is followed by whitespace or punctuation (``_E``). Each
# alternative starts with a literal character, so the engine skips ahead.
_R = r"[^\s\-:/'\"<(\[{\x00\x01\x1e]"
_E = r"(?![^\s\-.,:;!?\\/'\")\]}>\x00\x01\x1e])"
_PB = r"\n(?![ \t]*\n)"  # a newline that is not a paragraph break
# Content of backquoted markup, unrolled so that it never backtracks far:
# no backquote, no space at either end.
_BQ = rf"(?![\s`])[^`\\\n]*(?:(?:\\.|{_PB})[^`\\\n]*)*(?<![\s\\])"
_ROLE = r"[A-Za-z0-9](?:[-_.:+A-Za-z0-9]*[A-Za-z0-9])?"
_INLINE = re.compile(
    r"\\(?P<esc>[^\n]|\n)"
    rf"|``(?<!{_R}``)(?P<lit>(?![\s`])[^`\n]*(?:(?:`(?!`)|{_PB})[^`\n]*)*(?<!\s))``{_E}"
    rf"|`(?<!{_R}`)(?P<bq>{_BQ})`(?P<suffix>:(?P<pn>{_ROLE}):|__?)?{_E}"
    rf"|:(?<!{_R}:)(?P<rn>{_ROLE}):`(?P<rc>{_BQ})`(?P<ru>__?)?{_E}"
    rf"|_`(?<!{_R}_`)(?P<tc>{_BQ})`{_E}"
    rf"|_(?<=[A-Za-z0-9]_)(?P<sref>_?){_E}"
    rf"|\|(?<!{_R}\|)(?P<subst>(?![\s|])[^|\n]*(?<!\s))\|(?:__?)?{_E}"
    rf"|\[(?<!{_R}\[)(?P<fref>[0-9]+|\#[A-Za-z0-9_.-]*|\*|[A-Za-z][A-Za-z0-9_.:+-]*)\]_{_E}"
    rf"|\*\*(?<!{_R}\*\*)(?P<strong>(?![\s*])[^*\n]*(?:(?:\*(?!\*)|{_PB})[^*\n]*)*(?<!\s))\*\*{_E}"
    rf"|\*(?<!{_R}\*)(?P<em>(?![\s*])[^*\n]*(?:{_PB}[^*\n]*)*(?<!\s))\*{_E}"
)
_TITLE = re.compile(r"(.*?\S)(\s*<[^<>]*>)$", re.S)


def _shown(name: str, content: str) -> int | None:
    """How much of a role's content shows as prose (None: none of it).

    ``:ref:`the guide <target>``` shows its title; ``:term:`virement``` its
    content; ``:func:`os.path.join``` shows code.
    """
    t = _TITLE.match(content)
    if t:
        return t.end(1)
    if name.lower().rsplit(":", 1)[-1] in PROSE_ROLES:
        return len(content)
    return None


def _around(start: int, end: int, cstart: int, content: str, shown: int | None):
    """Edits for markup around content of which ``shown`` characters are prose."""
    if shown is None:
        yield start, end, blank(content).join((" " * (cstart - start), " " * (end - cstart - len(content))))
        return
    yield start, cstart, SOFT * (cstart - start)
    cend = cstart + len(content)
    yield cstart + shown, end, blank(content[shown:]) + SOFT * (end - cend)


def _inline_edits(work: str, fixups: Fixups, text: str):
    """Edits for inline markup, in order. (``work`` is ``text`` with a newline
    in front: the original tells an escaped space from a CR.)"""
    for m in _INLINE.finditer(work):
        start, end = m.span()
        ch = work[start]
        if ch == "\\":
            escaped = m.group("esc")
            if escaped == " " and text[start] == "\r":  # a backslash at the end of a CRLF line
                yield start, start + 1, JOIN
            elif escaped == " ":  # "\ " joins what it separates
                yield start, end, JOIN * 2
            elif escaped == "\n":
                yield start, start + 1, JOIN
            else:
                yield start, end, JOIN + fixups.put(start + 1, escaped)
        elif ch == "`":
            content = m.group("bq")
            if content is None:  # ``inline literal``
                yield start, end, blank(m.group())
                continue
            suffix = m.group("suffix")
            if suffix is None:  # interpreted text in the default role: code in Sphinx projects
                shown = None
            elif suffix[0] == ":":
                shown = _shown(m.group("pn"), content)
            else:  # a reference: `title <url>`_ or `name`_
                shown = _shown("title", content)
            yield from _around(start, end, start + 1, content, shown)
        elif ch == ":":
            content = m.group("rc")
            yield from _around(start, end, m.start("rc"), content, _shown(m.group("rn"), content))
        elif ch == "_":
            content = m.group("tc")
            if content is None:  # the underscores of name_
                yield start, end, SOFT * (end - start)
            else:  # _`inline target`
                yield from _around(start, end, start + 2, content, len(content))
        elif ch == "*":
            n = 2 if m.group("strong") is not None else 1
            yield start, start + n, SOFT * n
            yield end - n, end, SOFT * n
        else:  # substitution and footnote references
            yield start, end, blank(m.group())


def read_rst(text: str) -> Prose:
    work = "\n" + prepare(text)  # every line starts after a newline
    comments: list = []
    work = _Blocks(work, comments).run()
    fixups = Fixups()
    urls = ((s, e, " " * (e - s)) for s, e in url_spans(work))
    edits = list(_inline_edits(work, fixups, text))
    edits.extend(urls)
    edits.sort()
    work = splice(work, edits)[1:]
    fixups = Fixups((pos - 1, ch) for pos, ch in fixups)
    comments = tuple((pos - 1, body) for pos, body in comments)
    return Prose(text, finish(text, work, fixups), comments)
