"""A line that is one string or one line of text, named or not (pure): "The only line contains the
initial string s, consisting of small Latin letters (1 ≤ |s| ≤ 1000)", "The only line of input
contains non-empty string s obtained by Vasya", "The first line represents input string of
Petya's program", "The input data contains of a single non-empty line — the text whose length is
no more than 10000 characters", "The first line of the input contains only lowercase Latin letters
and character '/' — the path to some directory"; and what the next sentences say of an unnamed
one ("This string only consists of uppercase and lowercase Latin letters and its length is from
1 to 100, inclusive", "The length of the given line is no more than 100 characters, it is not
empty", "The text contains no spaces").

`spec_line` reads a line's items by a small grammar and refuses such phrases (an adjective it does
not know, a tail that is not a description); `parse_or_string` (called by `spec_layout` with the
words after "contains") asks `spec_described` and then `string_line` only when that grammar
refused them (or, for `spec_described`, read every value unnamed). The line is then one item (an unnamed one gets a
"_" name), with the lengths and alphabet its phrase gives (`Variable` of the item's name).

A line of text may hold spaces, and the checker reads tokens: whether the line is one token is
decided once the spec's facts are known (`settle`). When the string's alphabet is known (it never
holds a space) or a sentence says it holds no spaces, the item is one token. Otherwise it becomes
a line of words (`Item.words`, `spec_wordline`): every token of the line, at least one, none longer
than the string, the whole line (words joined by one space) no longer than the stated length.
How many words there are is then not stated (None): `fill_from_examples` takes it from the public
inputs, so drawn lines look like the examples (one token when they show one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from alphasolve.inputs.spec import Bound, Item, Variable
from alphasolve.inputs.spec_described import described_items
from alphasolve.inputs.spec_digits import digit_line
from alphasolve.inputs.spec_eval import whole_number
from alphasolve.inputs.spec_facts import alphabet, lengths
from alphasolve.inputs.spec_wordline import GROUPED_NUMBER
from alphasolve.inputs.spec_words import ARTICLES, NUMBERS, Fail, is_name

#: nouns a line of one string is told by ("the text", "a non-empty line", "the name of ...")
_NOUNS = ("string", "line", "text", "word", "sentence", "message", "name", "sequence")
_ADJ = ("non-empty", "nonempty", "initial", "given", "input", "original", "single", "whole", "one",
        "only", "exactly", "new", "some", "sole")
#: how a tail that describes the string starts ("— the path to ...", ", consisting of ...")
_TAIL = re.compile(r"^(?:[—(,:]|- |(?:which|that|obtained|consisting|containing|composed|made|represented|"
                   r"describing|denoting|representing|whose|given|written|typed|entered|of)\b)", re.I)
#: a tail that tells of more than one string: more values, how they are separated
_MORE = re.compile(r"\b(?:integers?|numbers?|reals?|followed by|then|separated|space-separated|each|per line|"
                   r"and (?:a|an|one|two|three|the|another) (?:string|word|line|name|text|sentence)s?|"
                   r"strings|words|lines)\b", re.I)
_NUM = GROUPED_NUMBER
#: "its length does not exceed 1000 characters", "whose length is no more than 10000 characters"
_AT_MOST = re.compile(r"\b(?:its|whose|which|the|string|text|line)(?: string| line| text)? length(?: of (?:the |this |that )?"
                      r"(?:given |input )?(?:string|line|text))?(?: is)? (?:does not exceed|doesn't exceed|is not "
                      r"greater than|not greater than|no more than|not more than|is at most|at most|≤|"
                      r"is no more than|is not more than|can't exceed|cannot exceed|will not exceed) (?P<x>" + _NUM +
                      r")(?: (?:characters|symbols|letters|digits))?\b", re.I)
_CONTAINS = re.compile(r"^(?:it |the (?:given |input )?(?:string|text|line|name) )(?:contains|consists of|has) (?:at most|≤|"
                       r"no more than|not more than|up to) (?P<x>" + _NUM + r") (?:characters|symbols|letters|[a-z]+ "
                       r"(?:[a-z]+ )?letters)\b", re.I)
_RANGE = re.compile(r"\blength (?:is )?(?:in (?:the )?range |ranges |can range |may range )?(?:from|between) (?P<lo>" + _NUM + r") (?:to|and) (?P<hi>"
                    + _NUM + r")\b", re.I)
_NO_SPACES = re.compile(r"\b(?:contains? no spaces|does not contain (?:any )?spaces|doesn't contain (?:any )?spaces|"
                        r"has no spaces|without spaces)\b", re.I)
_NOT_EMPTY = re.compile(r"\b(?:non-?empty|is not empty|isn't empty|it is not empty)\b", re.I)
#: a sentence about the one unnamed string read ("This string only consists of ...", "The length of
#: the given line is ...", "The text contains no spaces", "Its length ...")
_SUBJECT = re.compile(r"^(?:it is guaranteed that |(?:specifically, )?(?:this|it) (?:implies|means) that )?"
                      r"(?:(?:this|the|that|given|input|each) (?:given |input )?(?:string|text|line|name|sequence)\b"
                      r"(?!\s+[A-Za-z](?:_\w+|\d*)\b)|its length\b|(?:the )?length of (?:the |this |that )?(?:given |input )?"
                      r"(?:string|line|text|sequence)\b|(?:the )?(?:string|text|line|sequence)(?:'s)? length\b)", re.I)


#: a string's exact length told by a name: "consisting of exactly m uppercase Latin letters"
_EXACT = re.compile(r"\bconsisting of exactly (?P<n>[A-Za-z]\w*) (?:[a-z]+ ){0,3}(?:letters|characters|digits|symbols)\b",
                    re.I)
_BOTH = re.compile(r"^(?:it is guaranteed that )?(both|all|the|all the) (?:given |input )?strings? "
                   r"(?:are|consist|contain|have)\b", re.I)


@dataclass
class StrLine:
    """A line read as one string: its item (a token now; `settle` may make it a line of words)."""

    item: Item
    spaces: bool | None = None     # False: a sentence says it holds none; None: not said
    noun: str = ""                 # "a sequence ..." is read only as one token (of a known alphabet)



def _facts(var: Variable, text: str) -> bool:
    """The lengths, alphabet and spacing `text` says of the string into `var`; whether any."""
    plain = re.sub(r"(?<=\d) (?=\d{3}\b)", "", re.sub(r"\([^()]*\)", " ", text))    # "100 000"
    read = False
    m = _AT_MOST.search(plain)
    if m and whole_number(m.group("x")) is not None:
        var.length_high, read = Bound(value=whole_number(m.group("x"))), True
    m = _CONTAINS.search(plain.strip())
    if m and whole_number(m.group("x")) is not None:
        var.length_high, read = Bound(value=whole_number(m.group("x"))), True
    m = _RANGE.search(plain)
    if m and whole_number(m.group("lo")) is not None and whole_number(m.group("hi")) is not None:
        var.length_low, var.length_high = Bound(value=whole_number(m.group("lo"))), Bound(value=whole_number(m.group("hi")))
        read = True
    for side, expr, _ in lengths(plain):
        value = whole_number(expr)
        if value is not None and getattr(var, side) is None:
            setattr(var, side, Bound(value=value))
            read = True
    if _NOT_EMPTY.search(plain) and var.length_low is None:
        var.length_low, read = Bound(value=1), True
    phrase = re.sub(r"\b(?:containing|consisting of|consists of|contains)\s+(?!only\b)", "consisting of ", plain)
    phrase = re.sub(r"\b(?:string|word|name|sequence) of (?=(?:(?:small|lowercase|capital|uppercase|latin|english|"
                    r"decimal)\s+)*(?:letters|digits)\b)", "string consisting of ", phrase, flags=re.I)
    phrase = re.sub(r"^\s*only\b", "consisting of only", phrase)
    chars, said = alphabet(phrase)
    if said is not None:
        var.alphabet = chars if chars and var.alphabet is None else var.alphabet
        var.source = (var.source + " | " if var.source else "") + said
        read = True
    return read


def string_line(rest: str, names: set[str], anon, lines: bool = False) -> tuple[StrLine, Variable] | None:
    """The item of a line told as one string (`rest`: the words after 'contains') and the variable
    of what the phrase says of it; None when `rest` is not such a line. `anon()` gives the next
    unnamed name; `lines`: `rest` tells of several lines, one string each ("The following m lines
    contain names of the fruits"), so the noun may be plural."""
    nouns = _NOUNS + tuple(n + "s" for n in _NOUNS) if lines else _NOUNS
    text = rest.strip(" .")
    text = re.sub(r"^(?::\s*|of\s+)", "", text)
    words = re.findall(r"[A-Za-z][\w'-]*|\S", text)
    low = [w.lower() for w in words]
    name, noun = None, ""
    if low[:1] in (["only"], ["consisting"], ["containing"]):
        # "only lowercase Latin letters and character '/' — the path to some directory"
        cut = re.search(r"\s[—-]\s|—|\(|;", text)
        head, tail = (text[:cut.start()], text[cut.start():]) if cut else (text, "")
        head = re.sub(r"^(?:only|containing(?: only)?|consisting of(?: only)?)\s+", "", head.strip(), flags=re.I)
        chars, said = alphabet("consisting only of " + head)
        if chars is None or said is None or said != ("consisting only of " + head).strip():
            return None
    else:
        i = 0
        while i < len(words) and (low[i] in ARTICLES or low[i] in _ADJ):
            i += 1
        k = i       # "the target string S", "a palindrome string P": a word or two naming what it is
        while k < min(i + 2, len(words)) and low[k] not in nouns and re.fullmatch(r"[a-z]{3,}", words[k]) and \
                low[k] not in NUMBERS:
            k += 1
        i = k if k < len(words) and low[k] in nouns else i
        if i >= len(words) or low[i] not in nouns:
            return None
        noun, i = low[i].removesuffix("s") if low[i] not in _NOUNS else low[i], i + 1
        if low[i:i + 1] == ["of"] and i + 2 < len(words) and re.fullmatch(r"[a-z]{3,}", words[i + 1]) and \
                is_name(words[i + 2], names) and (i + 3 == len(words) or words[i + 3] in (",", "(", "—")):
            i += 2          # "a sequence of commands s, which ..."
        after = words[i + 1] if i + 1 < len(words) else ""
        if i < len(words) and is_name(words[i], names) and after.lower() not in _NOUNS and (
                low[i] not in ARTICLES or after in ("", "(", ",", "—", ":", ";")):
            name, i = words[i], i + 1
        tail = _after(text, words, i)
    tail = tail.strip()
    if lines and noun:      # "names, each name consists of exactly m uppercase Latin letters": of each line's string
        tail = re.sub(r"^,?\s*each (?:one|of them|" + noun + r") (?:consists of|contains|is made of)\s+", ", consisting of ",
                      tail, flags=re.I)
        text = text[:len(text) - len(_after(text, words, i).strip())] + tail
    if tail and not _TAIL.match(tail):
        return None
    described = re.sub(r"\([^()]*\)", " ", tail)
    chars, said = alphabet(re.sub(r"\b(?:containing|consisting of)\s+(?!only\b)", "consisting of ", described))
    if said:
        described = described.replace(said, " ")
    if _MORE.search(re.sub(r"\blength\b[^,;—]*", " ", described)) or re.search(
            r"\band (?:its|the|his|her|their|a|an|one|two)\b(?! length)", described, re.I) or re.match(
            r"^of\s+(?:\S+\s+)?(?:length|size|characters|letters|digits|symbols)\b", tail, re.I):
        return None
    if name is not None:
        others = [n for n in re.findall(r"(?:\band|,)\s+([A-Za-z]\w*)\b", described)
                  if is_name(n, names) and n.lower() not in ARTICLES]
        if others:
            return None         # "string s, and k"
    item = Item(name if name is not None else anon())
    var = Variable(item.name, "string", source=rest.strip())
    exact = _EXACT.search(text)
    if exact and is_name(exact.group("n"), names):      # "consisting of exactly m uppercase Latin letters"
        item.length = exact.group("n")
        text = text[:exact.start("n") - len("exactly ")] + text[exact.end("n") + 1:]
    _facts(var, text)
    return StrLine(item, False if _NO_SPACES.search(text) else None, noun), var


def parse_or_string(content, toks: list[str], raw: str, layout) -> list[Item]:
    """The items `content` (`spec_line.Content`) reads in `toks`; values named after their
    descriptions (`spec_described`) when it refuses them or reads them all unnamed; else the one
    string item of `string_line` (recorded on `layout`, the `spec_layout._Parser`)."""
    anon = layout.anon[0]
    try:
        items = content.parse(toks)
    except Fail:
        layout.anon[0] = anon
        named = described_items(raw, layout.names)     # "two integers: the budget, B, and the count, N"
        if named is not None:
            return named
        number = digit_line(raw, layout.next_anon)       # "the key — an integer, its length is from 1 to 10^6 digits"
        if number is not None:
            layout.found[number.name] = number
            return [Item(number.name)]
        got = string_line(raw, layout.names, layout.next_anon, content.block not in (None, "1"))
        if got is None:
            raise
    else:
        if all(i.name.startswith("_") and i.length is None and i.words is None for i in items):
            named = described_items(raw, layout.names)  # "the number of towers, n" read as one unnamed value
            if named is not None and len(named) == sum(_count(i) for i in items):
                layout.anon[0] = anon
                return named
        return items
    layout.strings.append(got[0])
    layout.found[got[1].name] = got[1]
    return [got[0].item]


def _count(item: Item) -> int:
    """How many values an item holds when its count is a number (-1 when it is not)."""
    return 1 if item.count is None else int(item.count) if item.count.isdigit() else -1


def _after(text: str, words: list[str], i: int) -> str:
    """The text after its first `i` words."""
    at = 0
    for w in words[:i]:
        at = text.find(w, at) + len(w)
    return text[at:]


def told_later(strings: list[StrLine], found: dict[str, Variable], sentence: str) -> bool:
    """Whether `sentence` tells of the one string line read ("This string only consists
    of ...", "Its length is from 1 to 100", "The text contains no spaces"): read into its variable."""
    unnamed = [s for s in strings if s.item.name.startswith("_") and s.item.words is None]
    both = _BOTH.match(sentence.strip())
    if both and unnamed and len(unnamed) == len(strings) and (both.group(1).lower() != "both" or len(strings) == 2):
        told = unnamed         # "Both strings are non-empty and consist of only small English letters"
    elif len(strings) == 1 and strings[0].item.words is None and (
            _SUBJECT.match(sentence.strip()) or re.match(r"^it (?:has|consists|contains|only)\b", sentence.strip(), re.I)
            or re.match(r"^(?:the )?(?:string |line |text )?" + re.escape(strings[0].item.name) + r"\b(?! and\b)",
                        sentence.strip(), re.I)):
        told = strings         # "It has length from 1 to 100 000 characters and only consists of ..."
    else:
        return False
    said = False
    for line in told:
        var = found.setdefault(line.item.name, Variable(line.item.name, "string"))
        told_now = _facts(var, sentence)
        if _NO_SPACES.search(sentence):
            line.spaces, told_now = False, True
        if told_now:        # (a sentence told of an unnamed string is not listed as not understood)
            var.source = (var.source + " | " if var.source else "") + sentence.strip()
        said = said or told_now
    return said


def settle(strings: list[StrLine], found: dict[str, Variable], known, anon) -> None:
    """Each string line as one token when it cannot hold a space (its alphabet is known, or a
    sentence says so), else as a line of words (see the module's doc). `known(name)`: the spec's
    variable of that name (None when there is none or no spec)."""
    for line in strings:
        item = line.item
        if item.words is not None:
            continue
        mine, theirs = found.get(item.name), known(item.name)
        chars = (theirs.alphabet if theirs is not None else None) or (mine.alphabet if mine else None)
        if line.spaces is False or (chars and " " not in chars):
            continue
        if line.noun == "sequence":
            raise Fail(f"a sequence of characters not known: {item.name}")
        high = next((v.length_high for v in (theirs, mine) if v is not None and v.length_high is not None), None)
        low = next((v.length_low for v in (theirs, mine) if v is not None and v.length_low is not None), None)
        if low is None or low.value is None or low.value < 1:
            # a line of text may be all spaces, which reads as no line at all: unless the statement
            # says it is not empty, no layout
            raise Fail(f"a line of text that may be empty: {item.name}")
        word, count = anon(), anon()
        if item.name.startswith("_"):
            found.pop(item.name, None)
        source = mine.source if mine else ""
        item.name, item.words = word, count
        if high is not None and high.value is not None:
            item.line_length = str(int(high.value))
        found[word] = Variable(word, "string", length_low=Bound(value=1), length_high=high, alphabet=chars,
                               indexed=True, source=source)
        found[count] = Variable(count, "int", low=Bound(value=1), source="the words of a line of text")
