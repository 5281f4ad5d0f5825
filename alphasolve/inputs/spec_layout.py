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
(CodeContests) or HTML (Code Jam); `normalise` turns all three into sentences of plain text.
This module reads the sentences (which line, how many times, test cases); `spec_line` reads the
items of one line from the words after "contains".
Names are as in `spec.py`: index-folded ("a" for a_i) unless the statement's own names keep the
subscript ("p_l"); unnamed tokens get a name starting with "_".
"""

from __future__ import annotations

import html
import re

from alphasolve.inputs.spec import Block, Item, Line
from alphasolve.inputs.spec_line import NUMBERS, TOKEN, Content, Fail, count_expr, fold, index_counts, is_name

Node = Line | Block

_ORDINALS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth".split())}


def normalise(section: str) -> list[str]:
    """The section as plain-text sentences: HTML tags and entities, LaTeX commands and Unicode
    punctuation reduced to one spelling ("a_{i}" -> "a_i", "\\ldots" and "…" -> "...")."""
    text = section
    is_html = bool(re.search(r"</?(p|b|br|code|var|li|ul|em|strong|sub|sup|i|h\d)\b[^>]*>", text))
    if not is_html:   # a line that does not end a sentence goes on in the next (wrapped Markdown)
        text = re.sub(r"(?<=[^.:;!?\s])[ \t]*\n(?=[ \t]*[^\s\-*#>|])", " ", text)
    if re.search(r"</?(p|b|br|code|var|li|ul|em|strong|sub|sup|i|h\d)\b[^>]*>", text):
        text = re.sub(r"\s+", " ", text)
        text = re.sub(r"<sub>(.*?)</sub>", r"_{\1}", text)
        text = re.sub(r"<sup>(.*?)</sup>", r"^{\1}", text)
        text = re.sub(r"</?(p|br|li|ul|ol|div|h\d|pre|table|tr)\b[^>]*>", "\n", text)
        text = html.unescape(re.sub(r"<[^>]+>", "", text))
    text = text.replace("$", "")
    for pat, rep in ((r"\\l(?:e|eq)\b", "≤"), (r"\\g(?:e|eq)\b", "≥"), (r"\\neq?\b", "≠"),
                     (r"\\(?:ldots|dots|cdots)\b", "..."), (r"\\(?:cdot|times)\b", "·"),
                     (r"\\(?:lvert|rvert|vert|mid)\b", "|"), (r"\\(?:left|right)\b", ""),
                     (r"\\(?:text|mathrm|mathit|texttt|textbf|mathbf|operatorname)\{([^{}]*)\}",
                      r"\1"), (r"\\[,;! ]", " "), (r"\\([{}])", r"\1"), (r"\\lt\b", "<"),
                     (r"\\gt\b", ">"), ("…", "..."), ("[⋅∙]", "·"), ("[−–]", "-"),
                     ("\u00a0", " "), ("[\u2060\u200b\u200c\u200d]", ""), ("[«»“”]", '"'), (r"\*\*", ""),
                     (r"(?<=[A-Za-z])_\(([^()]*)\)", r"_{\1}"),
                     (r"_\{\s*([A-Za-z0-9]+)\s*\}", r"_\1"),
                     (r"\b([A-Za-z])\[([A-Za-z0-9]+)\]", r"\1_\2"), (r" и ", " and "), (r"\.\s*\.\s*\.", "...")):
        text = re.sub(pat, rep, text)
    sentences = []
    for para in text.split("\n"):
        para = re.sub(r"\s+", " ", para).strip()
        for s in re.split(r"(?<=[^.]\.)\s+(?=[A-Z\"'(])|(?<=[!?]\")\s+(?=[A-Z])|"
                          r"\s+(?=The (?:second|third|fourth|fifth|next|last) (?:input )?line)",
                          para):
            s = re.sub(r"\s*(?<!\.)\.$", "", s.strip())
            # "... contains n, and the second line contains ..." is two sentences
            sentences.extend(p for p in re.split(
                r"[,;]?\s+(?:and\s+)?(?=the (?:second|third|fourth|fifth|next|last|following) "
                r"(?:input )?line)", s) if p)
    return sentences


_VERBS = r"(?:(?:will |should )?contains?|has|have|consists? of|gives?|holds?|includes?|is|are|there (?:is|are)" \
         r"|describes?|containing|with|represents?|will contain|should contain)"
_HEAD = re.compile(
    r"^(?:in |on )?(?:the |a )?(?P<ord>first|second|third|fourth|fifth|sixth|seventh|eighth|"
    r"ninth|tenth|next|following|last|only|single|sole)(?: and (?:the )?(?:only|single))?"
    r"(?: \(and (?:the )?only\))?(?: (?:input )?(?:file )?line)?"
    r"(?: of (?:the )?(?:input|test)(?: data| file)?)?(?P<each> of (?:each|the|every) "
    r"(?:test case|test|case|query)(?: description)?| of a test case)?(?: of (?:the )?(?:input|description))?"
    r"(?:,)? (?:of input |of the input )?" + _VERBS + r"(?P<rest>.*)$", re.I)
_LINES = re.compile(
    r"^(?:then,? |after that,? |and )?(?:there (?:are |will be )?)?(?:follow )?(?:the |each of the |"
    r"the [ijk]-th of the |[ijk]-th of the )?"
    r"(?:next|following|remaining|last|then)? ?(?P<n>[^ ]+(?: ?[-+·] ?[^ ]+)?) (?:more )?lines?"
    r"(?: of (?:the input|each test case|input))?(?: follow,?)?(?P<rest>.*)$", re.I)
_FOLLOW_T = re.compile(r"^(?:then |next )?(?:(?P<t>[A-Za-z]\w*) )?(?:test cases|cases|tests|"
                       r"testcases) follows?|^(?:the )?descriptions? of (?:the )?(?:test cases|"
                       r"input data sets)( follows?)?|^each test case is (?:given|described) "
                       r"(?:as follows|in the following format)|^descriptions? of test cases "
                       r"follows?|^then the test cases follow|^each test contains multiple test "
                       r"cases|^(?:then )?[a-z] test cases are given", re.I)
_TESTCASE = re.compile(r"^(?:each test case|each case|each|every test case|each test|each "
                       r"query)(?: description)?,? (?:(?P<lines>consists of|contains|is described"
                       r" (?:in|by|with)|is given (?:in|on)|has) (?P<n>[^ ]+|a single) lines?$|"
                       r"(?:begins?|starts?) with (?:a|one|a single) line (?:containing|with|that "
                       r"contains) (?P<first>.*)$|(?:begins?|starts?) with (?P<first2>.*)$|"
                       r"(?:consists of|contains|is(?: given (?:as|by|in|on))?|is described by|is"
                       r" represented by|has) (?:a single|one|exactly one|a) line (?:containing|"
                       r"with|consisting of|which contains|that contains) (?P<one>.*)$|(?:is described by|is given by|consists"
                       r" of|is) (?P<desc>.*)$)", re.I)
_IGNORE = re.compile(r"^(?:it is|it's|it) guaranteed|^(?:each test|the input) (?:contains|consists of) "
                     r"(?:multiple|several) test cases|^descriptions? of (?:each|the) test cases? "
                     r"follows?$|^(?:for|in) each test case,?(?: there will be)?:?$|^the input limitations|^(?:all |the )?(?:numbers|integers|values|"
                     r"elements|tokens|characters)[^,]* (?:are|is) separated|^note|^please|"
                     r"^pay attention|(?:empty|blank) line|^(?:numbers|integers|values) (?:on|in) "
                     r"(?:each|the|a|all) lines?|^the lines? (?:of|in) the input",
                     re.I)


#: phrasings that say the same as one the parser reads
_REWRITES = [
    (r"^the input (?:starts|begins) with (?:a|one) line (?:containing|with)", "The first line contains"),
    (r"^(?:then,? )?(?:another|one more) line follows,? (?:containing|with)", "The next line contains"),
    (r"^(?:the )?first line (?:in|of) the input(?: file)? contains", "The first line contains"),
    (r"^(?:in|on) (?:the|a) (first|second|third|fourth|fifth|next|last|single|only) line(?: of "
     r"(?:the )?input)?,? (?:there (?:is|are)|you (?:will be|are) given)", r"The \1 line contains"),
    (r"^each of following ", "Each of the following "),
    (r"\btestcase\b", "test case"),
    (r"^for each test case, the (first|second|third|next|last|only) line contains",
     r"The \1 line of each test case contains"),
    (r"^(?:this|it) is followed by ", "Then "),
    (r"^each line (?:represents|describes|contains) (?:a|one) test case (?:and contains|with|"
     r"containing)", "Each test case consists of a single line containing"),
    (r"^the description of each test case ", "Each test case "),
    (r"^then follows ", "Then follow "),
    (r"\bof next\b", "of the next"),
    (r"^the each of ", "Each of "),
    (r"^only one line of each test case contains", "The only line of each test case contains"),
    (r"^(?:the )?(only|single|first) line containing ", r"The \1 line contains "),
    (r"^only one line containing ", "The only line contains "),
    (r"^a single line (?:which|that) contains ", "The only line contains "),
]


def _layoutish(s: str) -> bool:
    return bool(re.search(r"\blines?\b|test cases?|testcases|\bfollows?\b|^(?:the )?input\b|"
                          r"^each (?:test )?case\b|^(?:the )?(?:first|second|third|fourth|fifth|"
                          r"next|last) (?:has|contains|is|gives)\b", s, re.I))


class _Parser:
    def __init__(self, names: list[str]):
        self.names = set(names)
        self.top: list[Node] = []
        self.test: Block | None = None
        self.tvar: str | None = None
        self.pending: Block | None = None
        self.test_lines: int | None = None
        self.total_lines: int | None = None    # "The input contains two lines", then each told
        self.anon = [0]

    @property
    def target(self) -> list[Node]:
        return self.test.body if self.test is not None else self.top

    def content(self, rest: str, sentence: str, block: str | None = None) -> list[Item]:
        """The items of a line described by `rest`; `block`: the repeat of the lines it
        describes ('the next n lines contain s_1, ..., s_n': one s per line)."""
        spaced = bool(re.search(r"separated|spaces? between|by (?:a )?spaces?", sentence, re.I)) \
            and not re.search(r"without (?:any )?(?:a )?spaces?|no spaces", sentence, re.I)
        hints: list[str | None] = []
        counts: list[dict[str, str]] = []
        known = {i.name for n in self.all_lines() for i in n.items}

        def paren(m: re.Match) -> str:
            chain = re.split(r"[,;]", m.group(1))[0]
            found = {fold(n, self.names) for n in re.findall(
                r"[A-Za-z][A-Za-z0-9]*(?:_\{[^{}]*\}|_[A-Za-z0-9]+)?", chain)}
            found -= known | {"i", "j"}
            hints.append(found.pop() if len(found) == 1 and re.search(r"[≤<≥>]", chain) else None)
            counts.append(index_counts(m.group(1), self.names))
            return f" \x00{len(hints) - 1} "
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
            self.tvar = fold(name, self.names)
            return [Item(self.tvar)]
        parser = Content(self.names, self.anon, spaced, hints, counts, block)
        items = parser.parse(toks)
        if block is not None:
            if parser.numbered and block != "1":
                raise Fail(f"numbered names over {block} lines: {rest}")
            # "the next n lines contain s_1, ..., s_n" / "the n elements, one per line": one a
            # line; "n lines contain n integers each": n a line
            per_line = bool(re.search(r"\bper line\b", sentence))
            items = [Item(i.name, None, i.length) if i.count == block and (
                i.name in parser.ranges or per_line) else i for i in items]
        if len(items) == 1 and re.search(r"\bnumber of (?:test cases|testcases|tests)\b", rest):
            self.tvar = items[0].name
        return items

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
        for pattern, same in _REWRITES:
            s = re.sub(pattern, same, s, flags=re.I)
        if self.pending is not None:
            m = re.match(r"^(?:each(?: of (?:them|these lines|the lines))?|the [ijk]-th(?: of "
                         r"(?:them|these lines))?|every|each such) ?(?:line|one|[a-z]+)? "
                         r"(?:of them )?(?:\([^()]*\) )?(?:contains?|has|consists of|is described (?:as|by)"
                         r"|is given as|is represented by|describes? [a-z ]+ as)(?P<rest>.*)$",
                         s, re.I)
            if m:
                self.pending.body.append(Line(self.content(m.group("rest"), s, self.pending.repeat)))
                self.pending = None
                return
            if not (self.pending.repeat.isdigit() and self.top == [self.pending] and _HEAD.match(s)
                    and _HEAD.match(s).group("ord").lower() in ("first", "only", "single")):
                raise Fail(f"lines without content: {s}")
            # "The input contains two lines. The first line contains ...": the lines' number
            self.total_lines, self.pending = int(self.pending.repeat), None
            self.top.clear()
        if _IGNORE.search(s) or not _layoutish(s):
            return
        m = _FOLLOW_T.match(s)
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
        m = _TESTCASE.match(s)
        if m and (self.tvar is not None or re.match(r"^each (test )?case", s, re.I)):
            self.open_test()
            if m.group("lines"):
                n = m.group("n").lower()
                self.test_lines = NUMBERS.get(n, 1 if n == "a single" else None)
                if self.test_lines is None and not n.isdigit():
                    raise Fail(s)
                self.test_lines = self.test_lines or int(n)
            else:
                rest = m.group("first") or m.group("first2") or m.group("one") or m.group("desc")
                self.add_line("first" if m.group("first") or m.group("first2") else "next",
                              self.content(rest, s), s)
            return
        m = _HEAD.match(s)
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
            elif m.group("one") is not None or m.group("desc") is not None:
                self.add_line("only", self.content(m.group("one") or m.group("desc"), s), s)
            else:
                raise Fail(s)
            return
        m = _LINES.match(s)
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
        m = re.match(r"^[,.]? ?(?:—[^,]*,? )?(?:each (?:of them |one |line )?|, )?" + _VERBS +
                     r" (?P<c>.*)$", rest.strip(), re.I)
        if m and not re.match(r"^(?:the )?(?:description|descriptions|information|data)\b",
                              m.group("c"), re.I) and not re.match(r"^describe", m.group(0), re.I):
            block.body.append(Line(self.content(m.group("c"), s, count)))
        else:
            self.pending = block

    def tvar_block_lines(self, rest: str, s: str) -> None:
        """'Each of the next T lines contains ...': one line per test case."""
        self.test = Block(self.tvar or "", [])
        self.top.append(self.test)
        m = re.match(r"^[,.;]? ?(?:each (?:of them |one |of which )?)?" + _VERBS + r" (?P<c>.*)$",
                     rest.strip(), re.I)
        if not rest.strip(" .,") or re.fullmatch(
                r"[,.;]? ?(?:contain |with )?(?:the )?test cases,? one (?:per|on each) line", rest.strip(), re.I):
            self.pending = self.test        # "T lines follow. Each contains ..."
            return
        if not m:
            raise Fail(s)
        self.test.body.append(Line(self.content(m.group("c"), s, self.test.repeat)))

    def finish(self) -> list[Node] | None:
        if self.pending is not None or not self.top or not _defined(self.top, set()):
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
        return self.top


def _defined(nodes: list[Node], known: set[str]) -> bool:
    """Whether every count and repeat names only values read before it (a count over an
    unnamed token, "three integers — ... n (<image>)", leaves the layout unusable)."""
    known = set(known)
    for node in nodes:
        exprs = [node.repeat] if isinstance(node, Block) else \
            [e for i in node.items for e in (i.count, i.length) if e]
        if any(n not in known for e in exprs for n in re.findall(r"[A-Za-z]\w*", e)):
            return False
        if isinstance(node, Block):
            if not _defined(node.body, known):
                return False
        else:
            known |= {i.name for i in node.items if i.count is None}
    return True


def parse_layout(section: str, names: list[str]) -> tuple[list[Node] | None, str | None]:
    """The layout of the input described by `section` and the name of its test-case count
    (None when the input is one case); (None, None) when any sentence about the layout is not
    understood (a wrong layout would reject valid inputs, so none is guessed)."""
    layout, tvar, _ = _parse(section, names)
    return layout, tvar


def layout_failure(section: str, names: list[str]) -> str | None:
    """Why `parse_layout` gives no layout: the sentence not understood and what in it was not
    (for `alphasolve spec`'s list of what the parser did not read); None when it gives one."""
    return _parse(section, names)[2]


def _parse(section: str, names: list[str]) -> tuple[list[Node] | None, str | None, str | None]:
    parser = _Parser(names)
    sentence = ""
    try:
        for sentence in normalise(section):
            parser.sentence(sentence)
        layout = parser.finish()
    except Fail as err:
        return None, None, f"{sentence!r}: {err}"
    if layout is None:
        return None, None, "the layout ends unfinished (lines without content or no lines)"
    return layout, parser.tvar, None
