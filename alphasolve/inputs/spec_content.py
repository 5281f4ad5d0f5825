"""The items of one line told after "contains" (pure): `line_content` is `spec_layout._Parser.content`.

It reads a line of words (`spec_wordline`), a test-case count, or the groups of `spec_line.Content`
(with `spec_strline.parse_or_string` when that grammar refuses them), then what the line's own
words say of its values: the bounds of unnamed values (`spec_unnamed.block_bounds`), digits
(`spec_digits.digit_values`: "n digits, separated by spaces" are integers 0..9, "a string of n
digits" a string of decimal digits), the type its type words give ("n real numbers each": real,
`Content.types`), and an unnamed string's alphabet told as "each of which is "0", "1" or "?""
(`spec_digits.each_of_which`), kept as a string line so later sentences tell its length.
"""

from __future__ import annotations

import re

from alphasolve.inputs.spec import Item, Line, Variable
from alphasolve.inputs.spec_digits import digit_values, each_of_which
from alphasolve.inputs.spec_line import Content
from alphasolve.inputs.spec_phrases import described_as, quoted_format
from alphasolve.inputs.spec_strline import StrLine, parse_or_string
from alphasolve.inputs.spec_unnamed import block_bounds, ith_name, unnamed_block
from alphasolve.inputs.spec_wordline import word_line
from alphasolve.inputs.spec_words import TOKEN, Fail, fold, index_counts


def line_content(layout, rest: str, sentence: str, block: str | None = None) -> list[Item]:
    """The items of a line described by `rest` for `layout` (the `spec_layout._Parser`, which
    records what they tell of their values); `block`: the repeat of the lines it describes ('the
    next n lines contain s_1, ..., s_n': one s per line)."""
    spaced = bool(re.search(r"separated|spaces? between|by (?:a )?spaces?", sentence, re.I)) \
        and not re.search(r"without (?:any )?(?:a )?spaces?|no spaces", sentence, re.I)
    hints: list[str | None] = []
    counts: list[dict[str, str]] = []
    known = {i.name for n in layout.all_lines() for i in n.items}

    def paren(m: re.Match) -> str:
        chain = re.split(r"[,;]", m.group(1))[0]
        found = {fold(n, layout.names) for n in re.findall(
            r"[A-Za-z][A-Za-z0-9]*(?:_\{[^{}]*\}|_[A-Za-z0-9]+)?", chain)}
        found -= known | {"i", "j"}
        hints.append(found.pop() if len(found) == 1 and re.search(r"[≤<≥>]", chain) else None)
        counts.append(index_counts(m.group(1), layout.names))
        return f" \x00{len(hints) - 1} "
    words = word_line(rest, layout.next_anon)
    if words is not None:       # "one or more words consisting of lowercase Latin letters"
        layout.word_items.append(words[0])
        layout.found.update({v.name: v for v in words[1]})
        return [words[0]]
    raw = rest
    rest = described_as(quoted_format(rest, layout.names))
    rest = re.sub(r"\(([^()]*)\)", paren, rest)
    toks = TOKEN.findall(rest.replace("\x00", "\x00 "))
    toks = [f"\x00{toks[k + 1]}" if t == "\x00" else t for k, t in enumerate(toks)
            if not (k and toks[k - 1] == "\x00")]
    while toks and toks[0] in (":", ","):
        toks = toks[1:]
    low = " ".join(toks).lower()
    m = re.match(r"^(?:the )?(?:number|count) of (?:test cases|testcases|tests|cases)"
                 r" ,? ?:? ?([A-Za-z]\w*)", low)
    if m:
        name = toks[len(toks) - len(low[m.end(1):].split()) - 1]
        layout.tvar = fold(name, layout.names)
        return [Item(layout.tvar)]
    parser = Content(layout.names, layout.anon, spaced, hints, counts, block)
    items = parse_or_string(parser, toks, raw, layout)     # "the initial string s, consisting of ..."
    if layout.strings and items == [layout.strings[-1].item]:
        return items
    if block is not None:
        if parser.numbered and block != "1":
            raise Fail(f"numbered names over {block} lines: {rest}")
        # "the next n lines contain s_1, ..., s_n" / "the n elements, one per line": one a
        # line; "n lines contain n integers each": n a line
        per_line = bool(re.search(r"\bper line\b", sentence))
        items = [Item(i.name, None, i.length) if i.count == block and (
            i.name in parser.ranges or per_line) else i for i in items]
    if len(items) == 1 and re.search(r"\bnumber of (?:test cases|testcases|tests)\b", rest):
        layout.tvar = items[0].name
    layout.found.update({v.name: v for v in block_bounds(raw, items) + digit_values(raw, items)})
    layout.types.update({k: v for k, v in parser.types.items() if k not in layout.types})
    if parser.letters and not spaced and len(items) == 1 and items[0].name.startswith("_") and \
            items[0].count is None and items[0].words is None:
        _string(layout, items[0], raw)      # "a sequence of characters each of which is "0", "1" or "?""
    name = ith_name(sentence, layout.names, clause=True)
    block = unnamed_block(Line(items))
    if name and block:        # "n integers, the i-th of which is a_i"
        layout.renames.append((block, name))
    return items


def _string(layout, item: Item, raw: str) -> None:
    """An unnamed string the line grammar read ("a sequence of characters ..."): its alphabet when
    the words say it, and a string line of the layout, so that later sentences tell its length."""
    chars = each_of_which(raw)
    if item.name not in layout.found:
        layout.found[item.name] = Variable(item.name, "string", alphabet=chars, source=raw.strip())
    elif chars and layout.found[item.name].alphabet is None:
        layout.found[item.name].alphabet = chars
    layout.strings.append(StrLine(item, spaces=False, noun="sequence"))
