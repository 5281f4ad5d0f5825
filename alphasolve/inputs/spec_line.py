"""The words of one input line in a statement ("two integers n and k", "n integers a_1, ...,
a_n", "a string s of length n", "m characters '.' or '#'") as layout items (pure).

`spec_layout` finds the sentences that describe lines and hands the words after "contains" to
`Content.parse`. The grammar is small on purpose: groups of [count] [adjectives] type [names],
joined by "," / "and" / "followed by"; whatever follows the items must look like a description
("— the number of ...", "denoting ...", a parenthesis) or the sentence fails (`Fail`), because a
layout with a value missing or made up rejects valid inputs.
"""

from __future__ import annotations

import re

from alphasolve.inputs.spec import Item
from alphasolve.inputs.spec_words import (ARTICLES, LETTERS, NUMBERS, TYPES, Fail, alphabet_end, count_expr, fold,
                                          is_name, name_range)

#: words between a count of values and their names ("3 integers -- N, P and Q")
_LATE = {"each", ":", "—", "-", "separated", "by", "single", "a", "spaces", "space",
         "representing", "respectively", "in", "this", "order", "namely", "integer"}
#: verbs after 'and' that start a description of the line ('... y_i and represents a passage')
_DESCRIBING = {"represents", "represent", "denotes", "denote", "describes", "describe", "means", "indicates",
               "shows", "specifies", "defines"}
_ADJECTIVES = set("""space-separated single-space-separated separated positive non-negative
    nonnegative negative distinct different pairwise non-zero nonzero natural lowercase uppercase
    small capital large latin english binary decimal odd even prime integer real floating-point
    non-empty nonempty whole signed unsigned given more other lower upper case and
    floating point space real-valued floating-point-valued sorted""".split())
#: words saying a value is real
_REAL = {"real", "reals", "floating-point", "real-valued", "floating-point-valued"}
_TAILS = {"—", "-", "(", ":", ";", ".", "denoting", "representing", "describing", "which",
          "that", "where", "indicating", "separated", "meaning", "is", "are", "respectively",
          "correspondingly", "each", "in", "the", "—the", "describe", "for", "from", "as",
          "without", "on", "between", "not", "with", "it", "of", "to", "whose", "such",
          "they", "written", "given", "so", "if", "per", "here", "these", "all", "'", '"',
          "consisting", "made", "defining", "showing", "specifying", "telling", "giving",
          "chosen"}


class Content:
    """The items of one line from the words after 'contains': groups such as
    'two integers n and k', 'n integers a_1, ..., a_n', 'a string s of length n', 'n characters'.
    A parenthesis is one token ("\x00k"); `hints[k]` is the one new name in its first
    comparison ("n integers (1 ≤ a_i ≤ 10^9)" names the integers "a")."""

    def __init__(self, names: set[str], anon: list[int], spaced: bool, hints: list[str | None],
                 index_counts: list[dict[str, str]] | None = None, block: str | None = None):
        self.names, self.anon, self.spaced, self.hints = names, anon, spaced, hints
        self.index_counts = index_counts or []   # per parenthesis: "1 ≤ i ≤ n" -> {"i": "n"}
        self.block = block                       # the lines' repeat when they are "the next n lines"
        self.numbered = False         # a name with a number for index (a_2): one line's worth
        self.ranges: set[str] = set()  # names given as a_1, ..., a_n
        self.letters = False           # the type is single characters: "n letters" is a string
        self.types: dict[str, str] = {}  # a name's type its type words say ("n real numbers": real)

    def _names(self, toks: list[str], i: int, want: int) -> tuple[list, int, bool]:
        """A list of names from `i` ("n, m and k", "a_1, ..., a_n", "N, the number of bags, and
        M" when `want` names are still due): [(name, count)], where it ends, whether indexed."""
        low = [t.lower() for t in toks]
        found: list[tuple[str, str | None]] = []
        indexed = False

        def name_at(j: int) -> bool:
            return j < len(toks) and is_name(toks[j], self.names) and low[j] not in _TAILS and \
                low[j] != "and" and fold(toks[j], self.names) not in {f for f, _ in found} and \
                not (low[j] == "a" and j + 1 < len(toks) and (
                    low[j + 1] in TYPES or low[j + 1] in _ADJECTIVES - {"and"}))
        while i < len(toks):
            rng = name_range(toks[i:], self.names)
            if rng:
                found.append((rng[0], rng[1]))
                self.ranges.add(rng[0])
                i += rng[2]
                break                   # "a_1, ..., a_n, a_i — ...": the list ends at a range
            if not name_at(i):
                break
            name = fold(toks[i], self.names)
            indexed = indexed or name != toks[i]
            self.numbered = self.numbered or bool(re.search(r"_\{?\d", toks[i]))
            found.append((name, None))
            i += 1
            while i < len(toks) and toks[i].startswith("\x00"):
                i += 1                  # "C (the width), R (the height) and M"
            if i + 1 < len(toks) and toks[i] in (",", "and") and name_at(i + 1):
                i += 1
            elif i + 2 < len(toks) and toks[i] == "," and toks[i + 1] == "and" and name_at(i + 2):
                i += 2
            elif toks[i:i + 2] == [",", "the"] and len(found) < want:
                j = i + 2               # ", the number of candy bags, and M"
                while j < min(i + 14, len(toks)) and re.fullmatch(r"[a-z]+(?:-[a-z]+)*", toks[j]):
                    j += 1
                j += toks[j:j + 1] == [","]
                j += toks[j:j + 1] == ["and"]
                if j == i + 2 or not name_at(j):
                    break
                i = j
            elif i < len(toks) and toks[i] in ("—", "-") and len(found) < want and toks[i - 1].startswith("\x00"):
                j = self._after_description(toks, i + 1)   # "n (1 ≤ n ≤ 10) — the size, and x (...)"
                if j is None or not name_at(j):
                    break
                i = j
        return found, i, indexed

    @staticmethod
    def _after_description(toks: list[str], i: int) -> int | None:
        """Where the next name starts after a dash's description ('— the number of cards and x
        (1 ≤ x ≤ 10)', '— the time, d (...)', '— array size; m (...)'): the first name after
        ',', ';' or 'and' that its own parenthesis or dash follows; None if the description
        runs into anything else (another parenthesis or dash, the end)."""
        for j in range(i + 1, min(i + 30, len(toks) - 1)):
            if toks[j].startswith("\x00") or toks[j] in ("—", "-"):
                return None
            if toks[j - 1] in (",", ";", "and") and re.match(r"[A-Za-z]", toks[j]) and (
                    toks[j + 1].startswith("\x00") or toks[j + 1] in ("—", "-")):
                return j
        return None

    def _number_of(self, toks: list[str], i: int) -> tuple[str, int] | None:
        """'[the number of] points C': the name after a few lowercase words, and where it ends."""
        for j in range(i, min(i + 7, len(toks))):
            if toks[j] == "," and j > i and j + 1 < len(toks) and toks[j + 1] in self.names:
                continue                        # "the number of words, W"
            if is_name(toks[j], self.names) and (len(toks[j]) == 1 and toks[j].isupper() or
                                                  toks[j] in self.names):
                return fold(toks[j], self.names), j + 1
            if not re.fullmatch(r"[a-z]+(?:-[a-z]+)*", toks[j]) or toks[j] == "and":
                return None
        return None

    def _implied_count(self, toks: list[str], start: int, end: int) -> str | None:
        """The count of 'integers a_i' said another way: by the index's range in the parenthesis
        after it ('a_i (1 ≤ a_i ≤ 5000, 1 ≤ i ≤ n)': n), or one a line when the sentence is about
        'the next n lines' ('The next n lines contain the integers p_i': one p_i each)."""
        m = re.fullmatch(r"[A-Za-z][A-Za-z0-9]*_\{?([ijk])\}?", toks[start]) if start < end else None
        if m is None:
            return None
        for tok in toks[start + 1:end + 1]:
            if tok.startswith("\x00") and int(tok[1:]) < len(self.index_counts):
                count = self.index_counts[int(tok[1:])].get(m.group(1))
                if count:
                    return count
        return "1" if self.block is not None and self.block != "1" else None

    def _anon(self) -> str:
        self.anon[0] += 1
        return f"_{self.anon[0]}"

    def parse(self, toks: list[str]) -> list[Item]:
        items: list[Item] = []
        i, joined = 0, False
        while True:
            if not joined:      # a group joined by ',' / 'and' was read below: go on after it
                got, i = self._group(toks, i)
                items.extend(got)
            joined = False
            j = i + 1 + (i + 1 < len(toks) and toks[i] == "," and toks[i + 1] == "and")
            if i < len(toks) and toks[i] in (",", "and") and j < len(toks) and self._starts(toks[j]):
                anon = self.anon[0]
                try:
                    more, k = self._group(toks, j)
                except Fail:
                    break
                if all(m.name.startswith("_") and m.count is None for m in more):
                    self.anon[0] = anon      # ", the number of ...": a description, not a token
                    break
                items.extend(more)
                i, joined = k, True
                continue
            if toks[i:i + 2] == ["followed", "by"] or toks[i:i + 3] == ["and", "then", "by"]:
                i += 2
                continue
            break
        while i < len(toks) and toks[i].startswith("\x00"):
            i += 1
        if self.letters and i < len(toks):
            i = alphabet_end(toks, i)       # "m characters 0 or 1"
        if i < len(toks) and toks[i].lower() not in _TAILS and toks[i] != "," and toks[i:i + 2] != [
                "≤", toks[i + 1] if i + 1 < len(toks) and toks[i + 1].isdigit() else None] and not (
                toks[i] == "and" and toks[i + 1:i + 2] and toks[i + 1].lower() in _DESCRIBING):
            raise Fail(" ".join(toks[i:]))
        tail = " ".join(toks[i:])
        named = {i.name for i in items}
        if any(is_name(n, self.names) and fold(n, self.names) not in named
               for n in re.findall(r"\band ([A-Za-z]\w*)\s*(?:,|$|—)", tail)):
            raise Fail("a name in a tail: " + tail)       # "OP_d, denoting ..., and K_d, ..."
        if re.match(r"^,? ?and (?:the|a|an|its|their) ", tail):
            raise Fail("another value in a tail: " + tail)     # "X_i, Y_i, and the tile colour"
        if re.search(r"\bthen\b|\bsets? of\b|\bfollowed by\b|\b(?:and|then) (?:(?:a|an|one|two|three|[A-Za-z]) )?(?:list"
                     r"|sequence|integers?|strings?|reals?|characters?|words?|letters?)\b|\blines? (?:contains?|follows?|with)\b",
                     tail):
            raise Fail("more described in a tail: " + tail)
        return items

    def _starts(self, tok: str) -> bool:
        """Whether a group can start here: an article, a number, a type ("and an integer k")."""
        low = tok.lower()
        return (low in ARTICLES and low != "the") or low in NUMBERS or tok.isdigit() or low in TYPES \
            or low in _ADJECTIVES

    def _group(self, toks: list[str], i: int) -> tuple[list[Item], int]:
        low = [t.lower() for t in toks]
        quantity, chars, plural = None, None, False
        first = i
        while i < len(toks):
            if low[i:i + 2] == ["pair", "of"] or low[i:i + 2] == ["pairs", "of"] and self.block not in (None, "1"):
                quantity, i = "2", i + 2        # "the next n lines contain pairs of integers": a pair a line
            elif low[i] in ("sequence", "list", "array", "set") and low[i + 1:i + 2] == ["of"]:
                i += 2
                # "an array of original integers": words before the type describe it
                k = next((k for k in range(i, min(i + 3, len(toks))) if low[k] in TYPES), None)
                if k is not None and all(re.fullmatch(r"[a-z]{2,}(?:-[a-z]+)*", w) and w not in NUMBERS
                                         and w not in self.names for w in toks[i:k]):
                    i = k
            elif low[i] in TYPES:
                if low[i] in ("number", "numbers") and low[i + 1:i + 2] == ["of"]:
                    named = self._number_of(toks, i + 2)      # "the number of points C"
                    if named:
                        return [Item(named[0])], named[1]
                chars = TYPES[low[i]] if chars is None else chars and TYPES[low[i]]
                self.letters = low[i] in LETTERS
                plural = plural or low[i].endswith("s")
                i += 1
            elif chars is None and (low[i] in ARTICLES or low[i] in _ADJECTIVES):
                i += 1
            elif quantity is None and chars is None:
                q, used = count_expr(toks[i:], self.names)
                # a lone name before a type word is a count ("n integers"), else a name ("s")
                if not used or i + used >= len(toks) or not (
                        low[i + used] in TYPES or low[i + used] in _ADJECTIVES - {"and"}):
                    break
                quantity, i = q, i + used
            else:
                break
        if i < len(toks) and toks[i] in (":", ",") and i + 1 < len(toks) and \
                is_name(toks[i + 1], self.names):
            i += 1
        want = int(quantity) if quantity and quantity.isdigit() else 0
        start = i
        found, i, indexed = self._names(toks, i, want)
        if not found and toks[i:i + 1] in (["—"], ["-"]) and i + 1 < len(toks) and \
                is_name(toks[i + 1], self.names) and (i + 2 == len(toks) or toks[i + 2] in (
                    ",", "and", "—") or toks[i + 2].startswith("\x00")):
            found, i, indexed = self._names(toks, i + 1, want)     # "a single integer — n"
        if not found and want > 1:      # "3 integers -- N, P_D and P_G", "2 integers each: E, R"
            j = i
            while j < len(toks) and (low[j] in _LATE and (low[j] != "a" or low[j + 1:j + 2] in (
                    ["space"], ["single"])) or toks[j].startswith("\x00")):
                j += 1
            late, k, late_indexed = self._names(toks, j, want)
            if len(late) == want:
                found, i, indexed = late, k, late_indexed
        if i < len(toks) and toks[i] == "..." or toks[i:i + 2] == [",", "..."]:
            raise Fail("a list without its last name: " + " ".join(toks))
        if not found and chars is not None and i < len(toks) and toks[i].startswith("\x00"):
            hint = self.hints[int(toks[i][1:])]
            if hint:
                found.append((hint, None))
                indexed = quantity not in (None, "1")
        if chars is None and not found:
            raise Fail(" ".join(toks[i:]) or "nothing")
        if plural and quantity is None and indexed and len(found) == 1 and found[0][1] is None:
            quantity = self._implied_count(toks, start, i)
        if plural and quantity is None and not found and self.letters and not self.spaced:
            return [Item(self._anon())], i     # "a sequence of characters": one string, no spaces
        if plural and quantity is None and (not found or indexed and len(found) == 1 and
                                            found[0][1] is None):
            raise Fail(f"a sequence without a count: {' '.join(toks)}")
        length = None
        while i < len(toks) and toks[i].startswith("\x00"):
            i += 1
        if chars and low[i:i + 3] in (["of", "length", low[i + 2] if i + 2 < len(toks) else ""],):
            length, used = count_expr(toks[i + 2:], self.names)
            i += 2 + used
        elif chars and low[i:i + 2] == ["consisting", "of"]:
            q, used = count_expr(toks[i + 2:], self.names)
            j = i + 2 + used
            while j < len(toks) and (low[j] in _ADJECTIVES or low[j] in TYPES):
                j += 1
            if used and low[j - 1] in LETTERS and (not q.isdigit() or int(q) > 1):
                length, i = q, j                # "s consisting of m uppercase letters"
        elif chars and low[i:i + 1] == ["of"] and not found and quantity in (None, "1"):
            q, used = count_expr(toks[i + 1:], self.names)      # "a string of n digits"
            if used and i + 1 + used < len(toks) and low[i + 1 + used] in TYPES:
                if not TYPES[low[i + 1 + used]] or low[i + 1 + used].startswith("word"):
                    return [Item(self._anon(), count=q)], i + 2 + used   # "of 2n words"
                length, i = q, i + 2 + used
        items = self._items(quantity, chars, found, length, toks, indexed)
        if chars is False and _REAL & set(low[first:start]):       # "n real numbers each — matrix a"
            self.types.update({item.name: "real" for item in items})
        return items, i

    def _items(self, quantity, chars, found, length, toks, indexed=False) -> list[Item]:
        if not found:
            if quantity is None or quantity == "1":
                return [Item(self._anon(), length=length)]
            if self.letters and not self.spaced:
                return [Item(self._anon(), length=quantity)]
            return [Item(self._anon(), count=quantity)]
        if len(found) == 1:
            name, count = found[0]
            if quantity not in (None, "1"):
                if quantity.isdigit() and count is None and not self.letters and not indexed:
                    raise Fail(f"{quantity} values but one name: {' '.join(toks)}")
                if self.letters and not self.spaced and count is None:
                    # "C digits w_ij": w_ij is each digit (its bounds are a digit's), the token unnamed
                    return [Item(self._anon() if indexed else name, length=quantity)]
                count = quantity
            return [Item(name, count=count, length=length)]
        if quantity not in (None, str(len(found))) or any(c for _, c in found) and quantity:
            raise Fail(f"{quantity} values for names {found}")
        return [Item(n, count=c) for n, c in found]
