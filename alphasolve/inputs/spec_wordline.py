"""A line of words (pure): "The first line contains one or more words consisting of lowercase
Latin letters", "a sentence of words separated by single spaces", "a non-empty line of
space-separated words", and what later sentences say of it: its total length ("The overall
number of characters (including letters and spaces) does not exceed 10^5", "The length of the
line does not exceed 100") and how its words are separated ("It is guaranteed that any two
consecutive words are separated by exactly one space").

Such a line is one layout item (`Item.words`) that takes every token of its line: how many words
there are is a variable of its own (`words`), at least 1, at most what the stated total length
allows ((L + 1) // 2 words of one letter), else unbounded until `fill_from_examples` bounds it
by the public inputs; each word is a string with the phrase's alphabet, of length 1 to L. The
checker binds the count where the line is read and checks it and the line's length (words
joined by single spaces); the generator draws lines of one and of several words within them.

Only the phrasings above are read: a tail that says more ("separated by spaces and commas") is
not a line of words, and the sentence stays to the line reader (which refuses it).
"""

from __future__ import annotations

import re
from dataclasses import replace

from alphasolve.inputs.spec_eval import Unevaluable, evaluate
from alphasolve.inputs.spec import Bound, Item, Variable
from alphasolve.inputs.spec_facts import alphabet

_NOUN = r"(?:line|sentence|sequence|series|list|text|string)"
_PLAIN = r"(?:non-empty |nonempty |space-separated |single-space-separated |\"|')*"
#: "one or more words", "a sentence of words", "a non-empty line of space-separated words"
WORDS = re.compile(r"^\s*(?::\s*)?(?:the |a |an )?(?:non-empty |nonempty )?(?:(?:" + _NOUN + r" (?:consisting |made up |composed )?of "
                   r"(?:one or more |at least one |several )?)|(?:one or more|at least one|several) )" + _PLAIN +
                   r"words[\"']?(?P<tail>.*)$", re.I)
_SEPARATED = re.compile(r",?\s*(?:which are |that are |each )?separated (?:from each other )?by (?:a single |single |exactly "
                        r"one |one |a )?(?:spaces?|whitespaces?)(?: characters?)?", re.I)
#: a number as statements write it: "100", "10^5", "2·10^5" (spec_unnamed's bounds too)
NUMBER = r"\d+(?:\s*\^\s*\{?\d+\}?)?(?:\s*·\s*10\s*\^\s*\{?\d+\}?)?"
#: NUMBER with digits grouped by spaces too ("100 000")
GROUPED_NUMBER = r"\d+(?:\s\d{3})*" + NUMBER.removeprefix(r"\d+")
#: the line's total length, spaces included
_TOTAL = re.compile(r"^(?:(?:the |its )?(?:overall |total )?(?:number of (?:characters|symbols)|length)"
                    r"(?: of (?:the |this |that )?(?:line|sentence|text|input|string))?|"
                    r"(?:the )?(?:line|sentence|text)(?:'s length| length)?)"
                    r"(?: \((?:including|with|counting) (?:letters and |the )?spaces\))?,? "
                    r"(?:does not exceed|doesn't exceed|is at most|is not greater than|is no more than|≤|"
                    r"is not more than|contains at most|contains no more than|has at most|has no more than) "
                    + "(?P<x>" + NUMBER + r")(?: (?:characters|symbols))?$", re.I)
#: "any two consecutive words are separated by exactly one space": how the line is written
_SPACING = re.compile(r"^(?:it is guaranteed that )?(?:any two |all )?(?:consecutive |adjacent )?words are separated by "
                      r"(?:exactly one|one|a single|single) spaces?(?: and (?:the input(?: data)?|there) (?:do|does) not "
                      r"contain any other spaces| and there are no (?:other|leading or trailing) spaces)?$", re.I)


def word_line(rest: str, anon) -> tuple[Item, list[Variable]] | None:
    """The item and variables of a line told as words (`rest`: the words after 'contains');
    None when `rest` is not such a line. `anon()` gives the next unnamed name."""
    m = WORDS.match(rest)
    if not m:
        return None
    tail = _SEPARATED.sub("", m.group("tail"), count=1).strip()
    chars, phrase = alphabet(tail)
    if phrase:
        start = re.search(r"\b(?:consist|made|composed|contain|only|of)", tail, re.I)
        if chars is None or phrase not in tail or start is None or start.start() != tail.find(phrase):
            return None     # an alphabet not understood, or not said of the words
        tail = tail.replace(phrase, "", 1).strip()
    tail = _SEPARATED.sub("", tail, count=1).strip()
    if tail and not re.match(r"^(?:[—(]|- |, (?:the|which|that|denoting|describing|representing)\b)", tail):
        return None
    word, count = anon(), anon()
    item = Item(word, words=count)
    return item, [Variable(word, "string", length_low=Bound(value=1), alphabet=chars, indexed=True,
                           source=rest.strip()),
                  Variable(count, "int", low=Bound(value=1), source="one or more words on a line")]


def total_length(sentence: str) -> str | None:
    """The line's most characters from 'The overall number of characters (including letters
    and spaces) does not exceed 10^5', 'The length of the line does not exceed 100'."""
    m = _TOTAL.match(sentence.strip(" ."))
    return re.sub(r"\s+", "", m.group("x")) if m else None


def spacing(sentence: str) -> bool:
    """Whether the sentence only says the words are separated by single spaces."""
    return bool(_SPACING.match(sentence.strip(" .")))


def understood(sentence: str) -> bool:
    """Whether a sentence the spec parser left unknown is one this module reads (the line of
    words itself, its total length, its spacing)."""
    line = re.match(r"^.*?\b(?:contains?|consists of|has|is)\b(?P<rest>.*)$", sentence.strip(" ."), re.I)
    return bool(total_length(sentence) or spacing(sentence) or line and word_line(line.group("rest"), str))


def limit_line(item: Item, found: dict[str, Variable], length: str) -> None:
    """The line's stated total length bounds its words' count and their lengths."""
    try:
        most = int(evaluate(length, lambda _: None))
    except Unevaluable:
        return
    item.line_length = str(most)
    if item.words in found:
        found[item.words].high = Bound(value=max(1, (most + 1) // 2))
    if item.name in found:
        found[item.name].length_high = Bound(value=most)


# -- checking and drawing ----------------------------------------------------------------------

def check_line(item: Item, toks: list[str], number: int) -> str | None:
    """Why the tokens of a line of words break its layout (None: they do not): no word, or more
    characters than the line may hold."""
    if not toks:
        return f"line {number}: no word, the layout says one or more"
    if item.line_length is not None and len(" ".join(toks)) > int(item.line_length):
        return f"line {number}: {len(' '.join(toks))} characters, more than {item.line_length}"
    return None


def draw_words(drawer, item: Item, var: Variable, env: dict, dry: bool) -> list[str]:
    """The words of one line drawn by `drawer` (`spec_gen._Drawer`): their count by the mode (one
    word for "min", a few for "small"/"tiny", the most for the others), their lengths within
    what the line's total length leaves each."""
    counter = drawer.spec.var(item.words or "") or Variable(item.words or "")
    lo, hi = drawer.bounds(counter.low, counter.high, env, dry)
    if dry:
        return [drawer.text(var, env, True)]
    lo, hi = max(1, int(lo)), int(hi)
    size = drawer.count(item.words, lo, hi, env) if lo <= hi else 1
    if item.line_length is not None:
        most = int(item.line_length)
        size = max(1, min(size, (most + 1) // 2))
        each = max(1, (most - size + 1) // size)
        if var.length_high is None or var.length_high.value is None or var.length_high.value > each:
            var = replace(var, length_high=Bound(value=each))
        if var.length_low is not None and var.length_low.value is not None and var.length_low.value > each:
            var = replace(var, length_low=Bound(value=each))
    words = [drawer.text(var, env, False) for _ in range(size)]
    drawer.bytes += sum(len(w) + 1 for w in words)
    return words
