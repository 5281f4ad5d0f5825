"""The phrasings of an input section that the layout reader knows (pure data and one normaliser).

`normalise` brings plain text, Markdown with LaTeX and Code Jam HTML to plain-text sentences; the
patterns say which sentences describe a line (`HEAD`: "The first line contains ..."), a block of
lines (`LINES`: "Each of the next m lines ..."), test cases (`FOLLOW_T`, `TESTCASE`), which say
nothing about the layout (`IGNORE`), and which say the same as a known phrasing in other words
(`REWRITES`). `spec_layout` applies them, sentence by sentence.
"""

from __future__ import annotations

import html
import re

from alphasolve.inputs.spec_words import NUMBERS, TYPE_WORDS, is_name

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
    # "Each consists of one line with L and X, followed by another line with L characters": two lines
    text = re.sub(r",? (?:and (?:is |then )?)?followed by (?:another|one more|a second|a) line (?:with|containing|that "
                  r"contains) ", ". The next line contains ", text)
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


VERBS = r"(?:(?:will |should )?contains?|has|have|consists? of|will consist of|will have|gives?|holds?|includes?|is|are|there (?:is|are)" \
         r"|describes?|containing|with|represents?|will contain|should contain)"
HEAD = re.compile(
    r"^(?:in |on )?(?:the |a )?(?P<ord>first|second|third|fourth|fifth|sixth|seventh|eighth|"
    r"ninth|tenth|next|following|last|only|single|sole)(?: and (?:the )?(?:only|single))?"
    r"(?: \(and (?:the )?only\))?(?: (?:input )?(?:file )?line)?"
    r"(?: of (?:the )?(?:input|test)(?: data| file)?)?(?P<each> of (?:each|the|every) "
    r"(?:test case|test|case|query)(?: description)?| of a test case)?(?: of (?:the )?(?:input|description))?"
    r"(?:,)? (?:of input |of the input )?" + VERBS + r"(?P<rest>.*)$", re.I)
LINES = re.compile(
    r"^(?:then,? |after that,? |and |next,? )?(?:there (?:are |will be )?)?(?:follow )?(?:the |each of the |"
    r"the [ijk]-th of the |[ijk]-th of the )?"
    r"(?:next|following|remaining|last|then)? ?(?P<n>[^ ]+(?: ?[-+·] ?[^ ]+)?) (?:more )?lines?"
    r"(?: of (?:the input|each test case|input))?(?: follow,?)?(?P<rest>.*)$", re.I)
FOLLOW_T = re.compile(r"^(?:then |next )?(?:(?P<t>[A-Za-z]\w*) )?(?:test cases|cases|tests|"
                       r"testcases) follows?|^(?:the )?descriptions? of (?:the )?(?:test cases|"
                       r"input data sets)( follows?)?|^each test case is (?:given|described) "
                       r"(?:as follows|in the following format)|^descriptions? of test cases "
                       r"follows?|^then the test cases follow|^each test contains multiple test "
                       r"cases|^(?:then )?[a-z] test cases are given", re.I)
TESTCASE = re.compile(r"^(?:each test case|each case|each|every test case|each test|each "
                       r"query)(?: description)?,? (?:(?P<lines>consists of|contains|is described"
                       r" (?:in|by|with)|is given (?:in|on)|has) (?P<n>[^ ]+|a single) lines?$|"
                       r"(?:begins?|starts?) with (?:a|one|a single) line (?:containing|with|that "
                       r"contains) (?P<first>.*)$|(?:begins?|starts?) with (?P<first2>.*)$|"
                       r"(?:consists of|contains|is(?: given (?:as|by|in|on))?|is described by|is"
                       r" represented by|has) (?:a single|one|exactly one|a) line (?:containing|"
                       r"with|consisting of|which contains|that contains) (?P<one>.*)$|(?:is described by|is given by|consists"
                       r" of|is) (?P<desc>.*)$)", re.I)
IGNORE = re.compile(r"^(?:it is|it's|it) guaranteed|^(?:each test|the input) (?:contains|consists of) "
                     r"(?:multiple|several) test cases|^descriptions? of (?:each|the) test cases? "
                     r"follows?$|^(?:for|in) each test case,?(?: there will be)?:?$|^the input limitations|^(?:all |the )?(?:numbers|integers|values|"
                     r"elements|tokens|characters)[^,]* (?:are|is) separated|^note|^please|"
                     r"^pay attention|(?<![a-z-])(?:empty|blank) line|^(?:numbers|integers|values) (?:on|in) "
                     r"(?:each|the|a|all) lines?|^the lines? (?:of|in) the input",
                     re.I)


#: phrasings that say the same as one the parser reads
REWRITES = [
    (r"^the input (?:starts|begins) with (?:a|one) line (?:containing|with)", "The first line contains"),
    (r"^(?:then,? )?(?:another|one more) line follows,? (?:containing|with)", "The next line contains"),
    (r"^(?:the )?first line (?:in|of) the input(?: file)? contains", "The first line contains"),
    (r"^(?:in|on) (?:the|a) (first|second|third|fourth|fifth|next|last|single|only) line(?: of "
     r"(?:the )?input)?,? (?:there (?:is|are)|you (?:will be|are) given|you're given)", r"The \1 line contains"),
    (r"^(the input(?: data| file)?) (?:consists on|contains of)\b", r"\1 consists of"),
    (r"^the (first|second|third|fourth|fifth|next|last) line,? (?:you're given|you are given)", r"The \1 line contains"),
    (r"^each of following ", "Each of the following "),
    (r"\btestcase\b", "test case"),
    (r"^for each test case, the (first|second|third|next|last|only) line contains",
     r"The \1 line of each test case contains"),
    (r"^(?:this|it|this line) is followed by ", "Then "),
    (r"^each (?:test )?case continues with ", "Then "),
    (r"^next,? there (?:are|will be) ", "There are "),
    # "Then, there are R more rows of C characters each": rows are lines
    (r"^(then,? )?(there (?:are|will be) )?(\S+ )(more )?rows (of|with)\b", r"\1\2\3\4lines \5"),
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
    # Code Jam: "Each one starts with a line containing ...", "Each test case will start with ...",
    # "This is followed by T cases in the following format"
    (r"^(each (?:test )?case|each) will (start|begin|consist|contain)\b", r"\1 \2s"),
    (r"^(each (?:test )?case(?: description)?) (start|begin)\b", r"\1 \2s"),
    (r"^each one (starts|begins|consists of \w+ lines)\b", r"Each test case \1"),
    (r"^then (\w+) (?:test )?cases(?: in the following format)?:?$", r"\1 test cases follow"),
    (r"^then (\w+) (?:test )?cases,? where each (?:test )?case is (?:defined|described|given) by (\w+) lines:?$",
     r"\1 test cases follow, each consisting of \2 lines"),
    (r"^the input will (?:start|begin) with a line containing ", "The first line contains "),
]


def layoutish(s: str) -> bool:
    """Whether a sentence speaks of the input's lines ('Then R rows, each of C characters' and
    'This is followed by ...', rewritten to 'Then ...', do: left unread, they would drop lines
    from the layout; 'a digit followed by a point' speaks of one token and does not)."""
    return bool(re.search(r"\blines?\b|test cases?|testcases|\bfollows?\b|^then\b|^(?:the )?input\b|"
                          r"^each (?:test )?case\b|^(?:the )?(?:first|second|third|fourth|fifth|"
                          r"next|last) (?:has|contains|is|gives)\b", s, re.I))


def described_as(rest: str) -> str:
    """'the applications, each of them in the form of three numbers: a_i, b_i and c_i', 'one edge
    each in form a_i, b_i and w_i', 'a segment as a pair of integers l_i and r_i': what the
    line holds is said after 'in the form of' / 'as' / 'with' ('a different molecule with two integers
    C_i and J_i'); the words before name it (no count, type or variable among them)."""
    m = re.match(r"^\s*(?P<noun>(?:the |a |an |one )?[a-z' -]{1,60}?),?\s(?:each (?:of them )?)?"
                 r"(?:in the form of|in (?:the )?form(?: of)?|as|with)\s+(?P<c>.*)$", rest)
    if not m or any(w in NUMBERS and w != "one" or w in TYPE_WORDS or len(w) == 1 and w != "a"
                    for w in re.findall(r"[a-z]+", m.group("noun"))):
        return rest
    return " " + m.group("c")


def quoted_format(rest: str, names: set[str]) -> str:
    """'the edges in the format "u_i v_i" (...)', 'the points written as "x y"': the line is the
    names in quotes, in that order (only when every quoted word is a name: "HH:MM" is not)."""
    m = re.match(r"^\s*:?\s*(?:the |a |an )?[A-Za-z' -]{0,80}?\s(?:in the (?:following )?(?:format|form)|"
                 r"in (?:the )?form of|written as)\s*:?\s*\"([^\"]+)\"(.*)$", rest, re.I)
    if not m:
        return rest
    words = m.group(1).split()
    if len(words) < 2 or not all(is_name(w, names) for w in words):
        return rest
    return " " + ", ".join(words) + m.group(2)
