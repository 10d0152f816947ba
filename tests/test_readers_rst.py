"""The reStructuredText reader, construct by construct."""
from __future__ import annotations

import pytest

from jargonlint.readers import JOIN, read_rst
from tests.readers_support import check_contract, shown, view


def rst(text):
    prose = read_rst(text)
    check_contract(prose)
    return shown(prose)


@pytest.mark.parametrize(
    "source, prose",
    [
        # Sections and transitions.
        ("Title\n=====\n\nText.\n", "Title ¶ Text."),
        ("=====\nTitle\n=====\n\nText.\n", "Title ¶ Text."),
        ("Above.\n\n----------\n\nBelow.\n", "Above. ¶ Below."),
        # Inline markup.
        ("Some *emphasis* and **strong** text.\n", "Some emphasis and strong text."),
        ("Run ``virement --apply`` now.\n", "Run now."),
        ("A ``literal with `backquote` inside`` here.\n", "A here."),
        ("Default role `virement.apply` is code.\n", "Default role is code."),
        ("See :ref:`the API guide <api-guide>` now.\n", "See the API guide now."),
        ("See :ref:`api-guide` and :func:`os.path.join` now.\n", "See and now."),
        ("See :py:meth:`Title <pkg.Class.method>` now.\n", "See Title now."),
        ("A :term:`virement` and :abbr:`API (application programming interface)`.\n",
         "A virement and API (application programming interface) ."),
        ("Suffix role `text`:code: here.\n", "Suffix role here."),
        ("Read `the policy <https://example.gov.uk/virement>`_ first.\n", "Read the policy first."),
        ("Read `the policy`_ and policy_ and `anon <https://x.example>`__.\n", "Read the policy and policy and anon ."),
        ("An _`inline target` here.\n", "An inline target here."),
        ("Use |name| and |name|_ here.\n", "Use and here."),
        ("A footnote [1]_ and [#note]_ and [*]_ and a citation [CIT2002]_.\n", "A footnote and and and a citation ."),
        ("Not *emphasis* inside*word* or 2 * 3.\n", "Not emphasis inside*word* or 2 * 3."),
        ("Escaped \\*not emphasis\\* here.\n", "Escaped *not emphasis* here."),
        ("Join *un*\\ usual words.\n", "Join unusual words."),
        ("Mail bob@example.gov.uk or https://example.gov.uk/api now.\n", "Mail or now."),
        # Literal blocks.
        ("Example::\n\n    virement = 1\n\nAfter.\n", "Example: ¶ After."),
        ("Example ::\n\n    virement = 1\n\nAfter.\n", "Example ¶ After."),
        ("::\n\n    virement = 1\n\nAfter.\n", "After."),
        ("Ends with colons::\nbut no blank line.\n", "Ends with colons:: but no blank line."),
        ("- Item::\n\n      code in item\n\n- Next.\n", "Item: ¶ Next."),
        (">>> api.virement()\n'leverage'\n\nAfter.\n", "After."),
        # Directives.
        (".. note:: Prose in a note.\n   More prose.\n", "Prose in a note. More prose."),
        (".. warning::\n   :class: urgent\n\n   Body prose.\n", "Body prose."),
        (".. admonition:: Admonition title\n\n   Body.\n", "Admonition title ¶ Body."),
        (".. code-block:: python\n   :linenos:\n\n   virement = 1\n\nAfter.\n", "After."),
        (".. code:: python\n\n   virement = 1\n", ""),
        (".. literalinclude:: example.py\n   :lines: 1-3\n", ""),
        (".. math::\n\n   x = y\n", ""),
        (".. toctree::\n   :maxdepth: 2\n\n   intro\n   usage\n", ""),
        (".. image:: chart.png\n   :alt: virement chart\n", ""),
        (".. figure:: chart.png\n   :alt: chart\n\n   Caption prose.\n", "Caption prose."),
        (".. function:: virement(api)\n              other(sig)\n\n   Body prose.\n", "Body prose."),
        (".. versionchanged:: 3.2\n   Changed prose.\n", "3.2 Changed prose."),
        (".. raw:: html\n\n   <b>virement</b>\n", ""),
        # Targets, substitutions, footnotes, comments.
        (".. _api-guide: https://example.gov.uk/api\n\nText.\n", "Text."),
        (".. _a target:\n\nText.\n", "Text."),
        ("__ https://example.gov.uk/anon\n\nText.\n", "Text."),
        (".. |name| replace:: virement\n\nText.\n", "Text."),
        (".. |logo| image:: logo.png\n   :alt: API\n\nText.\n", "Text."),
        (".. [1] Footnote prose.\n", "Footnote prose."),
        (".. [#note] Auto footnote prose.\n   More.\n", "Auto footnote prose. More."),
        (".. A comment with virement.\n   Still the comment.\n\nText.\n", "Text."),
        ("..\n   Empty comment block.\n\nText.\n", "Text."),
        # Lists, fields, line blocks, tables.
        ("- one\n- two\n", "one ¶ two"),
        ("* one\n+ two\n", "one ¶ two"),
        ("1. one\n2. two\n#. three\n(4) four\n", "one ¶ two ¶ three ¶ four"),
        ("a. alpha\n\nb. beta\n", "alpha ¶ beta"),
        ("Text continues\nA. Smith wrote it.\n", "Text continues A. Smith wrote it."),
        (":Author: Finance team\n:Date: 2025\n", "Finance team ¶ 2025"),
        ("| Line one\n| Line two\n", "Line one Line two"),
        ("+------+------+\n| a    | b    |\n+======+======+\n| c    | d    |\n+------+------+\n",
         "a ¶ b ¶ c ¶ d"),
        ("=====  =====\nTerm   Plain\n=====  =====\nAPI    thing\n=====  =====\n", "Term ¶ Plain ¶ API ¶ thing"),
    ],
)
def test_constructs(source, prose):
    assert rst(source) == prose


def test_comments_are_returned_with_offsets():
    text = "Intro.\n\n.. jargonlint-disable-next-line virement\n\nA virement.\n\n.. a comment\n   over two lines\n"
    prose = read_rst(text)
    assert prose.comments == (
        (text.index(".. jargonlint"), "jargonlint-disable-next-line virement"),
        (text.index(".. a comment"), "a comment\nover two lines"),
    )


def test_directives_are_not_comments():
    assert read_rst(".. note:: A note.\n\n.. _t: https://x\n\n.. |s| replace:: x\n\n.. [1] Note.\n").comments == ()


def test_emphasis_inside_a_word_joins_it():
    prose = read_rst("un\\ *usual* word\n")
    assert prose.masked == "un" + JOIN * 3 + "usual" + " " + " word\n"


def test_section_adornments_are_breaks():
    assert view(read_rst("Title\n=====\nText\n")) == "Title\n|    \nText\n"


def test_positions_with_crlf_and_tabs():
    text = "Title\r\n=====\r\n\r\n\tThe *virement* and ``api``::\r\n\r\n    code\r\n\r\nEnd.\r\n"
    prose = read_rst(text)
    check_contract(prose)
    i = text.index("virement")
    assert prose.masked[i : i + 8] == "virement"
    assert shown(prose) == "Title ¶ The virement and : ¶ End."
