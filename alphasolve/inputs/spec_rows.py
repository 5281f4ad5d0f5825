"""Sentences about one of a block's lines (pure): "N lines follow. The i-th of these lines
contains two integers X_i and Y_i", "Next n lines contain the tasks: the i-th line contains t_i
and c_i", "Each of the following n lines contains three integers. The i-th of them contains t_i,
x_i, y_i".

A block of lines told first ("N lines follow", "Then, there are C more lines") and described
after by its i-th line is one line repeated: the words after the i-th line's verb are that
line's content. When the block's lines were already told as unnamed values ("three integers"),
the i-th line may name them: the names replace the unnamed values only when they are as many
(`same_width`), otherwise the sentence is not understood. An i-th line that is only told what it
means ("The i-th line describes the i-th road") says nothing of its content and stays unread.

A name read on two lines (`named_twice`) makes no layout: "x_i" of one block and "x_j" of the
next, or "w" and "w_i", are two things the index-folded names cannot tell apart.
"""

from __future__ import annotations

import re

from alphasolve.inputs.spec import Block, Item, Line, layout_lines

#: "the i-th", "the ith", "the i^{th}", "j-th"
_INDEX = r"(?:[ijkx]-th|[ijk]th|[ijk]\^\{?th\}?)"
#: what the i-th line means, before what it contains ("represents the i-th cashier, and it has")
_MEANING = r"(?:(?:represents?|describes?|corresponds? to|is describing) [^,;:()]{1,80}?,? and (?:it )?)?"
_VERB = (r"(?:contains?|has|consists of|gives|holds|is described (?:as|by)|is given (?:as|by)|"
         r"there (?:is|are)|is(?= (?:a|an|one|two|three|four|five|six|\d+) ))")
ITH = re.compile(
    r"^(?:(?:on|in) )?(?:the )?" + _INDEX + r"(?: (?:line|one|row))?"
    r"(?: (?:of|among) (?:them|these|those)(?: lines| rows)?)?"
    r"(?: here)?(?: \((?:counting )?(?:starting )?from [01]\))?,? " + _MEANING + _VERB + r"\b(?P<rest>.*)$",
    re.I)
#: "Next n lines contain the tasks' descriptions: the i-th line contains ...", "..., with the ith
#: line containing M integers"
_SPLIT = re.compile(r"^(?P<lines>.*\blines?\b.*?)\s?[:;,]\s(?:with |where )?(?P<ith>(?:the )?" + _INDEX +
                    r" (?:line|one|of them|of these lines|of those lines) (?:contains?|containing|has|consists of)\b.*)$",
                    re.I)


#: what each of a block's lines holds, said after "of" / "with" / a comma and ending in "each"
#: ("R lines of C characters each", "eight lines, eight characters each", "N lines of M positive
#: integers each; these describe the matrix")
EACH_ROW = re.compile(r"^(?:[,;:] ?|of |with )(?P<c>(?:[^ ,;:]+ ){1,4}?(?:integers|numbers|characters|symbols|"
                      r"letters|digits|values|elements|chars) each\b.*)$", re.I)
#: a test case told as its rows ("Each test case consists of 4 lines with 4 characters each")
ROWS_OF = re.compile(r"^(?P<n>[^ ]+) lines? (?P<rest>(?:of|with) .*\beach\b.*)$", re.I)


def ith_content(sentence: str) -> str | None:
    """The words telling what the i-th of a block's lines holds ("The i-th of these has two
    integers W_i and H_i: ..." -> " two integers W_i and H_i: ..."); None when the sentence is
    not about the i-th line's content."""
    m = ITH.match(sentence)
    return m.group("rest") if m else None


def split_ith(sentence: str) -> tuple[str, str] | None:
    """A sentence telling a block of lines, then its i-th line after a colon, as two sentences
    ("Next n lines contain two integers each: the i-th line contains a_i, b_i"); None otherwise."""
    m = _SPLIT.match(sentence)
    if not m or not ITH.match(re.sub(r"\bcontaining\b", "contains", m.group("ith"), count=1)):
        return None
    return m.group("lines"), re.sub(r"\bcontaining\b", "contains", m.group("ith"), count=1)


def _widths(items: list[Item]) -> list[str]:
    out: list[str] = []
    for item in items:
        count = item.count or "1"
        if count.isdigit() and out and out[-1].isdigit():
            out[-1] = str(int(out[-1]) + int(count))
        else:
            out.append(count)
    return out


def same_width(told: list[Item], named: list[Item]) -> bool:
    """Whether `named` (the i-th line's items) can replace `told` (the block's line as first
    told): every told value is unnamed and both have as many tokens ("three integers" and "t_i,
    x_i, y_i"; "m integers" and "m integers a_{i,j}")."""
    return all(i.name.startswith("_") for i in told) and _widths(told) == _widths(named) and \
        all(i.length is None for i in told)


def named_twice(nodes: list[Line | Block]) -> str | None:
    """A variable read on two lines of a layout ("n, w, h" then "w_i and h_i" on each of the next
    n lines; "x_i" of L lines then "x_j" of U more lines): names fold their index away, so the two
    would share bounds and claims (sorted, distinct) that the statement gives to one of them."""
    seen: set[str] = set()
    for line in layout_lines(nodes):
        names = {i.name for i in line.items if not i.name.startswith("_")}
        if names & seen:
            return sorted(names & seen)[0]
        seen.update(names)
    return None


def defined(nodes: list[Line | Block], known: set[str]) -> bool:
    """Whether every count and repeat names only values read before it (a count over an
    unnamed token, "three integers — ... n (<image>)", leaves the layout unusable)."""
    known = set(known)
    for node in nodes:
        exprs = [node.repeat] if isinstance(node, Block) else \
            [e for i in node.items for e in (i.count, i.length) if e]
        if any(n not in known for e in exprs for n in re.findall(r"[A-Za-z]\w*", e)):
            return False
        if isinstance(node, Block):
            if not defined(node.body, known):
                return False
        else:
            known |= {i.name for i in node.items if i.count is None}
    return True
