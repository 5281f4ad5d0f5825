"""The input layout read from a statement's input section (pure, no model).

    layout, testcases = parse_layout(section, names)

Statements describe their input line by line in a small set of phrasings ("The first line
contains two integers n and k", "Each of the next m lines contains u_i and v_i", "Then t test
cases follow. The first line of each test case ..."). This module reads those phrasings and
nothing else: a layout is only useful if it is right, because the input checker rejects every
input that does not fit it. So any sentence that speaks of lines, test cases or the input as a
whole and is not understood makes the whole layout unknown (None); other sentences (bounds,
guarantees, the story) are left to the spec parser.

Input sections come as plain text with Unicode math (Codeforces), Markdown with LaTeX
(CodeContests) or HTML (Code Jam); `spec_phrases.normalise` turns all three into sentences of
plain text. This module reads the sentences (which line, how many times, test cases) with the
phrasings of `spec_phrases`; `spec_line` reads the items of one line from the words after
"contains".
Names are as in `spec.py`: index-folded ("a" for a_i) unless the statement's own names keep the
subscript ("p_l"); unnamed tokens get a name starting with "_".
"""

from __future__ import annotations

import re

from alphasolve.inputs.spec import Block, Item, Line, Variable
from alphasolve.inputs.spec_content import line_content
from alphasolve.inputs.spec_digits import digit_strings
from alphasolve.inputs.spec_words import NUMBERS, TOKEN, Fail, count_expr, fold
from alphasolve.inputs.spec_phrases import (FOLLOW_T, HEAD, IGNORE, LINES, REWRITES, TESTCASE, VERBS, described_as,
                                            layoutish, normalise)
from alphasolve.inputs.spec_strline import settle
from alphasolve.inputs.spec_rows import EACH_ROW, ROWS_OF, defined, ith_content, named_twice, same_width, split_ith
from alphasolve.inputs.spec_unnamed import add_found, add_types, rename, told_later

Node = Line | Block

_ORDINALS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth".split())}


class _Parser:
    def __init__(self, names: list[str]):
        self.names = set(names)
        self.top: list[Node] = []
        self.test: Block | None = None
        self.tvar: str | None = None
        self.pending: Block | None = None
        self.test_lines: int | None = None
        self.single = False        # the input was told as one value, not line by line
        self.total_lines: int | None = None    # "The input contains two lines", then each told
        self.lenient = False       # a block's content may be a description, its i-th line told next
        self.anon = [0]
        self.found: dict[str, Variable] = {}    # variables the layout tells of: word lines, unnamed bounds
        self.word_items: list[Item] = []
        self.renames: list[tuple[Item, str]] = []   # unnamed blocks named by a later "the i-th integer"
        self.strings: list = []    # lines of one string or of text (spec_strline.StrLine)
        self.types: dict[str, str] = {}    # a value's type its line's words give ("n real numbers": real)

    @property
    def target(self) -> list[Node]:
        return self.test.body if self.test is not None else self.top

    def content(self, rest: str, sentence: str, block: str | None = None) -> list[Item]:
        """The items of a line described by `rest` (`spec_content.line_content`); `block`: the
        repeat of the lines it describes."""
        return line_content(self, rest, sentence, block)

    def next_anon(self) -> str:
        self.anon[0] += 1
        return f"_{self.anon[0]}"

    def all_lines(self, nodes: list[Node] | None = None) -> list[Line]:
        out: list[Line] = []
        for n in self.top if nodes is None else nodes:
            out.extend([n] if isinstance(n, Line) else self.all_lines(n.body))
        return out

    def open_test(self) -> None:
        if self.tvar is None or self.test is not None:
            if self.test is None:
                raise Fail("test cases without a count")
            return
        if not (self.top and isinstance(self.top[-1], Line) and
                any(i.name == self.tvar for i in self.top[-1].items)):
            raise Fail("test cases not right after their count")
        self.test = Block(self.tvar, [])
        self.top.append(self.test)

    def add_line(self, ordinal: str, items: list[Item], sentence: str = "") -> None:
        ordinal = ordinal.lower()
        target = self.target
        if ordinal in _ORDINALS:
            if any(isinstance(n, Block) for n in target) or len(target) + 1 != _ORDINALS[ordinal]:
                raise Fail(f"{ordinal} line out of order")
        elif ordinal in ("only", "single", "sole") and target:
            raise Fail("only line after others")
        if re.search(r"\beach\b[^.]*\b(?:in|on) (?:a|its own|one) (?:separate |single |new )?line|"
                     r"one per line", sentence, re.I):
            if any(i.count is not None for i in items):
                raise Fail("arrays one per line")
            target.extend(Line([i]) for i in items)      # "k, l and m, each on a separate line"
            return
        target.append(Line(items))

    def sentence(self, s: str) -> None:
        s = re.sub(r"^(?:then|next|also|finally|after that),? (?=the )", "", s.strip(), flags=re.I)
        if told_later(self, s):     # of a line of words, or naming unnamed values (spec_unnamed)
            return
        for pattern, same in REWRITES:
            s = re.sub(pattern, same, s, flags=re.I)
        split = split_ith(s)
        if split:       # "Next n lines contain the tasks: the i-th line contains t_i and c_i"
            self.lenient = True
            try:
                self.sentence(split[0])
            finally:
                self.lenient = False
            s = split[1]
        ith = ith_content(s)
        if self.pending is not None and ith is not None:
            self.pending.body.append(Line(self.content(ith, s, self.pending.repeat)))
            self.pending = None
            return
        last = self.target[-1] if self.target else None
        if ith is not None and isinstance(last, Block) and len(last.body) == 1 and isinstance(last.body[0], Line):
            items = self.content(ith, s, last.repeat)     # "The i-th of them contains t_i, x_i, y_i"
            if not same_width(last.body[0].items, items):
                raise Fail(f"the i-th line unlike the lines told: {s}")
            last.body[0] = Line(items)
            return
        if self.pending is not None:
            m = re.match(r"^(?:each(?: of (?:them|these lines|the lines))?|(?:the )?[ijk]-th(?: of "
                         r"(?:them|these lines))?|every|each such|an?) ?(?:line|one|[a-z]+)? "
                         r"(?:of them )?(?:\([^()]*\) )?(?:contains?|has|consists of|is described (?:as|by)"
                         r"|is given (?:as|by)|is represented by|describes? [a-z ]+ as"
                         r"|is(?= (?:a|an|one|two|three|four|\d+) ))(?P<rest>.*)$",
                         s, re.I)
            if m:
                self.pending.body.append(Line(self.content(m.group("rest"), s, self.pending.repeat)))
                self.pending = None
                return
            if not (self.pending.repeat.isdigit() and self.top == [self.pending] and HEAD.match(s)
                    and HEAD.match(s).group("ord").lower() in ("first", "only", "single")):
                raise Fail(f"lines without content: {s}")
            # "The input contains two lines. The first line contains ...": the lines' number
            self.total_lines, self.pending = int(self.pending.repeat), None
            self.top.clear()
        single = _SINGLE.match(s)
        if single and not self.top and self.tvar is None:
            # "A single integer n (1 ≤ n ≤ 10^5)", "You are given the string s ...": the only
            # line, when the section says nothing else about lines
            self.add_line("first", self.content(single.group("rest") or single.group("rest2"), s), s)
            self.single = True
            return
        if IGNORE.search(s) or not layoutish(s):
            return
        if self.single:
            raise Fail(f"lines after a single value: {s}")
        m = FOLLOW_T.match(s)
        last = self.top[-1] if self.top and isinstance(self.top[-1], Line) else None
        if m and self.tvar is None and m.group("t") and last and len(last.items) == 1 and \
                last.items[0].name == fold(m.group("t"), self.names):
            self.tvar = last.items[0].name      # "... a single integer, T. T test cases follow"
        if m and self.tvar is not None and self.test is None:
            self.open_test()
            rest = s[m.end():].strip(" ,;.")
            each = re.match(r"^(?:with )?each(?: test case| of which| one| of them)? (?:consisting"
                            r"|consists) of (?P<c>.*)$", rest, re.I)
            if each:          # "T test cases follow, each consisting of two lines"
                self.sentence(f"Each test case consists of {each.group('c')}")
            elif re.fullmatch(r"one (?:per|on each) line", rest, re.I):
                self.test_lines = 1
            elif rest:
                raise Fail(f"after the test cases' count: {rest}")
            return
        m = TESTCASE.match(s)
        if m and (self.tvar is not None or re.match(r"^each (test )?case", s, re.I)):
            self.open_test()
            if m.group("lines"):
                n = m.group("n").lower()
                self.test_lines = NUMBERS.get(n, 1 if n == "a single" else None)
                if self.test_lines is None and not n.isdigit():
                    raise Fail(s)
                self.test_lines = self.test_lines or int(n)
            elif m.group("desc") and ROWS_OF.match(m.group("desc")):
                rows = ROWS_OF.match(m.group("desc"))     # "4 lines with 4 characters each"
                self.lines(rows.group("n"), rows.group("rest"), s)
            else:
                rest = m.group("first") or m.group("first2") or m.group("one") or m.group("desc")
                self.add_line("first" if m.group("first") or m.group("first2") else "next",
                              self.content(rest, s), s)
            return
        m = HEAD.match(s)
        if m:
            if m.group("each"):
                self.open_test()
            elif self.tvar is not None and self.test is None:
                raise Fail(f"a line after the test-case count: {s}")
            self.add_line(m.group("ord"), self.content(m.group("rest"), s), s)
            return
        m = re.match(r"^(?:the )?(?:input|input data|input file)s?(?: will)? (?:consists? of|"
                     r"contains?) (?:(?P<n>[^ ]+) lines|(?:a single|one|only one|exactly one) "
                     r"line(?:,? (?:containing|with|consisting of|which contains|that contains) (?P<one>.*))?|"
                     r"(?P<desc>.*))$",
                     s, re.I)
        if m and not self.target:
            if m.group("n"):
                n, used = count_expr([m.group("n")], self.names)
                if not used:
                    raise Fail(s)
                self.pending = Block(n, [])
                self.target.append(self.pending)
            elif m.group("desc") and re.match(r"^[^ ]+ lines?\b[,:]? \S", m.group("desc")):
                rows = re.match(r"^(?P<n>[^ ]+) lines?\b(?P<rest>.*)$", m.group("desc"))
                self.lines(rows.group("n"), rows.group("rest"), s)   # "eight lines, eight characters each"
            elif m.group("one") is not None or m.group("desc") is not None:
                self.add_line("only", self.content(m.group("one") or m.group("desc"), s), s)
            else:
                raise Fail(s)
            return
        m = LINES.match(s)
        if m:
            self.lines(m.group("n"), m.group("rest"), s)
            return
        raise Fail(s)

    def lines(self, n: str, rest: str, s: str) -> None:
        count, used = count_expr(TOKEN.findall(n), self.names)
        if not used or used != len(TOKEN.findall(n)):
            raise Fail(s)
        if self.tvar is not None and self.test is None:
            if re.search(r"descriptions? of (?:the )?test cases|test cases? descriptions?",
                         rest, re.I) or (count == self.tvar and not self.target[1:]):
                self.open_test()
                if count != self.tvar:
                    return
                self.top.pop()
                self.test = None
                self.tvar_block_lines(rest, s)
                return
            raise Fail(f"lines after the test-case count: {s}")
        block = Block(count, [])
        self.target.append(block)
        m = re.match(r"^[,.;]? ?(?:—[^,]*,? )?(?:each (?:of them |one |line |of which |of the lines |of these lines )?|"
                     r"the [ijk]-th of (?:these|them|those)(?: lines)? |, )?"
                     + VERBS + r" (?P<c>.*)$", rest.strip(), re.I) or EACH_ROW.match(rest.strip())
        if m and not re.match(r"^(?:the )?(?:description|descriptions|information|data)\b",
                              m.group("c"), re.I) and (not re.match(r"^describe", m.group(0), re.I)
                                                      or described_as(m.group("c")) != m.group("c")):
            try:
                block.body.append(Line(self.content(m.group("c"), s, count)))
            except Fail:
                if not self.lenient:
                    raise
                self.pending = block    # what the lines are; the i-th line's content is told next
        else:
            self.pending = block

    def tvar_block_lines(self, rest: str, s: str) -> None:
        """'Each of the next T lines contains ...': one line per test case."""
        self.test = Block(self.tvar or "", [])
        self.top.append(self.test)
        m = re.match(r"^[,.;]? ?(?:each (?:of them |one |of which )?)?" + VERBS + r" (?P<c>.*)$",
                     rest.strip(), re.I)
        if not rest.strip(" .,") or re.fullmatch(
                r"[,.;]? ?(?:contain |with )?(?:the )?test cases,? one (?:per|on each) line", rest.strip(), re.I):
            self.pending = self.test        # "T lines follow. Each contains ..."
            return
        if not m:
            raise Fail(s)
        self.test.body.append(Line(self.content(m.group("c"), s, self.test.repeat)))

    def finish(self) -> list[Node] | None:
        if self.pending is not None or not self.top or not defined(self.top, set()):
            return None
        if self.total_lines is not None and (len(self.top) != self.total_lines or
                                             any(isinstance(n, Block) for n in self.top)):
            return None
        if self.test is not None:
            lines = self.test.body
            if not lines or (self.test_lines is not None and (len(lines) != self.test_lines or
                                                              any(isinstance(n, Block) for n in lines))):
                return None
        elif self.tvar is not None:
            return None
        rename(self.renames, self.all_lines(), self.found)
        twice = named_twice(self.top)
        if twice:       # x_i of the lower boundary and x_j of the upper, R and R_i: one name, two things
            raise Fail(f"{twice} read on two lines")
        return self.top


_SINGLE = re.compile(r"^(?:(?:you are|you're) given|you've got|you have|given) (?P<rest>(?:a|an|the|one|exactly "
                     r"one)(?: single)? (?:(?:positive|non-negative|nonnegative|non-empty|nonempty) )?(?:integer|"
                     r"number|string|word)\b.*)$|^(?P<rest2>(?:a|one) single (?:integer|number|string|word)\b.*)$",
                     re.I)


def parse_layout(section: str, names: list[str]) -> tuple[list[Node] | None, str | None]:
    """The layout of the input described by `section` and the name of its test-case count
    (None when the input is one case); (None, None) when any sentence about the layout is not
    understood (a wrong layout would reject valid inputs, so none is guessed)."""
    return parse_layout_facts(section, names)[:2]


def parse_layout_facts(section: str, names: list[str], spec=None) -> tuple[list[Node] | None, str | None,
                                                                       dict[str, Variable]]:
    """`parse_layout` and the variables the layout's sentences tell of (the words of a line of
    words and their count, bounds the sentence gives unnamed values: `spec_unnamed.add_found`);
    `spec`: what the rest of the statement says of its variables (a string's alphabet)."""
    layout, tvar, _, found, _ = _parse(section, names, spec)
    return layout, tvar, found if layout is not None else {}


def attach_layout(spec, section: str, names: list[str]) -> None:
    """`spec`'s layout and test-case count from `section`, with what its sentences tell of the
    values they describe (`spec_unnamed.add_found`)."""
    layout, spec.testcases, _, found, types = _parse(section, names, spec)
    spec.layout = layout
    add_found(spec, found if layout is not None else {})
    add_types(spec, types if layout is not None else {})
    if layout is not None:
        digit_strings(spec, normalise(section))     # "The number of digits in this number ≤ 10^5"


def layout_failure(section: str, names: list[str]) -> str | None:
    """Why `parse_layout` gives no layout: the sentence not understood and what in it was not
    (for `alphasolve spec`'s list of what the parser did not read); None when it gives one."""
    return _parse(section, names)[2]


def _parse(section: str, names: list[str], spec=None) -> tuple[list[Node] | None, str | None, str | None,
                                                                dict[str, Variable], dict[str, str]]:
    parser = _Parser(names)
    sentence = ""
    try:
        for sentence in normalise(section):
            parser.sentence(sentence)
        layout = parser.finish()
        settle(parser.strings, parser.found, spec.var if spec is not None else lambda _: None, parser.next_anon)
    except Fail as err:
        return None, None, f"{sentence!r}: {err}", {}, {}
    if layout is None:
        return None, None, "the layout ends unfinished (lines without content or no lines)", {}, {}
    return layout, parser.tvar, None, parser.found, parser.types
