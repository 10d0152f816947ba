"""HTML: the text a browser shows, nothing else.

A small regex tokenizer rather than ``html.parser``: it gives offsets into the
file directly (no line and column to convert back), and keeps going through
broken markup the way a browser does.

Masked: tags and their attributes; comments (returned as comments, so
``<!-- jargonlint-disable-next-line virement -->`` works); the content of
``script``, ``style``, ``template``, ``code``, ``pre`` and other elements that
hold code or data. Block-level tags become a BREAK, other tags join the word
they sit in (``un<b>usual</b>`` reads "unusual"). An entity shows its decoded
character at its first place and JOIN for the rest, so ``caf&eacute;`` reads
"café" and ``&nbsp;`` a space.
"""
from __future__ import annotations

import re
from html.entities import html5

from . import Prose
from ._mask import Fixups, blank, brk, decode_entity, finish, mask_urls, prepare, soft

# Tags after which text starts a new block in a browser (or that are not shown
# at all and so cannot sit inside a word).
BLOCK_TAGS = frozenset(
    """address article aside audio blockquote body br button canvas caption
    center col colgroup dd details dialog dir div dl dt embed fieldset
    figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header
    hgroup hr html iframe input legend li link main menu meta nav noframes
    noscript object ol optgroup option p param pre script section select source
    style summary table tbody td template textarea tfoot th thead title tr track
    ul video""".split()
)

# Elements whose content is not prose: code, data, scripts.
SKIP_TAGS = frozenset("code pre template kbd samp svg math".split())
# Elements whose content is raw text up to their end tag (no markup inside).
RAW_TAGS = frozenset("script style textarea xmp iframe noembed noframes plaintext".split())
VOID_TAGS = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)

# Each alternative starts with a literal character, so that the regex engine
# can skip ahead to the next "<" or "&".
_TOKEN = re.compile(
    r"""
     <(?:
         !--(?P<comment>-?>|(?P<body>.*?)(?:--!?>|\Z))
        |(?P<cdata>!\[CDATA\[.*?(?:\]\]>|\Z))
        |(?P<decl>![^>]*(?:>|\Z))
        |(?P<pi>\?[^>]*(?:>|\Z))
        |(?P<close>/)?(?P<name>[A-Za-z][^\s/>]*)(?:[^>"']|"[^"]*"|'[^']*'|["'])*(?:>|\Z)
        |(?P<bogus>/[^A-Za-z>][^>]*(?:>|\Z)|/>)
     )
    |&(?P<ent>\#[0-9]+;?|\#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)
    """,
    re.S | re.X,
)
_END_TAG_CACHE: dict[str, re.Pattern] = {}


def _end_tag(name: str) -> re.Pattern:
    pat = _END_TAG_CACHE.get(name)
    if pat is None:
        pat = re.compile(r"</%s(?=[\s/>]|\Z)[^>]*>?" % re.escape(name), re.I)
        _END_TAG_CACHE[name] = pat
    return pat


def entity(token: str) -> str | None:
    """The mask for an HTML entity, or None if it is not one.

    HTML lets a few old names go without their semicolon (``&amp`` and even
    ``&ampx``): only the name is decoded then.
    """
    decoded = decode_entity(token, semicolon_required=False)
    if decoded is not None or token[1] == "#" or token.endswith(";"):
        return decoded
    name = token[1:]
    for k in range(len(name) - 1, 1, -1):
        if name[:k] in html5:
            head = decode_entity("&" + name[:k], semicolon_required=False)
            return head + token[k + 1 :] if head is not None else None
    return None


_TAG_MASKS: dict[str, str] = {}


def tag_mask(token: str, name: str) -> str:
    """A tag's mask: BREAK for block-level tags, else joins the word it is in."""
    mask = _TAG_MASKS.get(token)
    if mask is None:
        mask = brk(token) if name.lower() in BLOCK_TAGS else soft(token)
        if len(token) <= 40 and len(_TAG_MASKS) < 4096:  # "<p>", "</li>": they repeat
            _TAG_MASKS[token] = mask
    return mask


def scan(s: str, base: int, comments: list, fixups: Fixups) -> str:
    """Mask the HTML in ``s``; offsets recorded are ``base`` + index in ``s``."""
    out = []
    last = 0
    pos = 0
    skipping = []  # open elements whose content is not prose
    search = _TOKEN.search
    while True:
        m = search(s, pos)
        if m is None:
            break
        start = m.start()
        end = m.end()
        if start > last:
            text = s[last:start]
            out.append(blank(text) if skipping else text)
        token = m.group()
        name = m.group("name")
        if name is not None:
            name = name.lower()
            if m.group("close"):
                out.append(tag_mask(token, name))
                if name in skipping:
                    del skipping[len(skipping) - 1 - skipping[::-1].index(name) :]
            elif name in RAW_TAGS or name == "title":
                close = _end_tag(name).search(s, end)
                stop = close.start() if close else len(s)
                after = close.end() if close else len(s)
                out.append(tag_mask(token, name))
                inner = s[end:stop]
                if name == "title" and not skipping:
                    out.append(_entities_only(inner, base + end, fixups))
                else:
                    out.append(blank(inner))
                if close:
                    out.append(tag_mask(close.group(), name))
                end = after
            else:
                out.append(tag_mask(token, name))
                if name in SKIP_TAGS and name not in VOID_TAGS and not token.endswith("/>"):
                    skipping.append(name)
        elif m.group("ent") is not None:
            decoded = None if skipping else entity(token)
            if decoded is None:
                out.append(blank(token) if skipping else token)
            else:
                out.append(fixups.put(base + start, decoded))
        else:
            if m.group("comment") is not None:
                body = m.group("body") or ""
                comments.append((base + start, body.strip()))
            out.append(blank(token))
        last = pos = end
    if last < len(s):
        out.append(blank(s[last:]) if skipping else s[last:])
    return "".join(out)


_ENTITY = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")


def _entities_only(s: str, base: int, fixups: Fixups) -> str:
    def repl(m):
        decoded = entity(m.group())
        return m.group() if decoded is None else fixups.put(base + m.start(), decoded)

    return _ENTITY.sub(repl, s) if "&" in s else s


def read_html(text: str) -> Prose:
    work = prepare(text)
    comments: list = []
    fixups = Fixups()
    work = scan(work, 0, comments, fixups)
    work = mask_urls(work)
    return Prose(text, finish(text, work, fixups), tuple(comments))
