"""What a statement says about judging: interactive, several accepted answers, tolerances, case;
and which tests the statement shows as examples."""

from __future__ import annotations

import re
from typing import Any

from alphasolve.sources import Skip
from alphasolve.sources.hf.common import Context, Reason


_INTERACTIVE = re.compile(r"\binteractive\s+problem\b|^[\s#*-]*interaction[\s*-]*$|\bflush(?:ing)?\s+the\s+output\b",
                          re.IGNORECASE | re.MULTILINE)
_ANY_ANSWER = re.compile(
    r"(?<!not )(?<!n't )\b(?:print|output|write)\s+(?:any|an\s+arbitrary)\b"
    r"(?!\s+(?:extra|other|additional|trailing|leading|spaces?|characters?|more|case|letter))"
    r"|\bany\s+(?:one\s+)?of\s+them\b"
    r"|\bany\s+(?:valid|correct|possible|suitable|optimal)\s+(?:answer|solution|output)s?\b"
    r"|\b(?:print|output)\b[^.\n]{0,40}\bin\s+any\s+order\b", re.IGNORECASE)
_ANY_CASE = re.compile(r"\bin\s+any\s+(?:letter\s+)?(?:case|register)\b|\bcase[- ]insensitive\b"
                       r"|\bwill\s+be\s+recogni[sz]ed\s+as\s+(?:a\s+)?positive", re.IGNORECASE)
_ERROR_BOUND = re.compile(r"\b(?:absolute|relative)\s+(?:or\s+(?:absolute|relative)\s+)?(?:error|precision)", re.IGNORECASE)
_EXPONENT = re.compile(r"10\s*\^\s*\{?\s*\(?\s*[-\u2212\u2013]\s*(\d+)|\b1\s*[eE]\s*[-\u2212]\s*(\d+)\b|\b0\.(0*)1\b")


def _sentence(text: str, match: re.Match) -> str:
    """The sentence around a match, for quoting in a skip's detail."""
    start = max(text.rfind(c, 0, match.start()) for c in ".!?\n") + 1
    ends = [k for k in (text.find(c, match.end()) for c in ".!?\n") if k >= 0]
    sentence = " ".join(text[start:min(ends, default=len(text)) + 1].split())
    return sentence if len(sentence) <= 160 else match[0].strip()


def judging(statement: str) -> tuple[str | None, str, dict[str, Any]]:
    """(skip reason or None, why, compare spec) from what a statement says about judging."""
    match = _INTERACTIVE.search(statement)
    if match:
        return Reason.INTERACTIVE, f'interactive: the statement says "{_sentence(statement, match)}"', {}
    compare: dict[str, Any] = {}
    if _ANY_CASE.search(statement):
        compare["case_sensitive"] = False
    bound = _ERROR_BOUND.search(statement)
    if bound:
        exponent = _EXPONENT.search(statement, bound.end(), bound.end() + 200)
        if not exponent:
            return (Reason.NEEDS_CHECKER, f'the statement accepts answers within an error bound alphasolve '
                    f'could not read ("{bound[0]}")', compare)
        digits = exponent[1] or exponent[2]
        tolerance = 10.0 ** -int(digits) if digits else 10.0 ** -(len(exponent[3]) + 1)
        compare.update(float_abs=tolerance, float_rel=tolerance)
    match = _ANY_ANSWER.search(statement)
    if match:
        return (Reason.NEEDS_CHECKER, f'several answers are accepted: the statement says "{_sentence(statement, match)}"',
                compare)
    return None, "", compare


def apply_judging(data: dict, statement: str, ident: str, ctx: Context, *, checks_answers: bool = True) -> Skip | None:
    reason, detail, compare = judging(statement)
    if reason == Reason.NEEDS_CHECKER and not checks_answers:
        reason = None
    if reason == Reason.INTERACTIVE or (reason and not ctx.keep_checker_problems):
        return Skip(ident, reason, detail)
    if reason:
        data["judging_note"] = f"{detail}; judged by token comparison (--keep-checker-problems)"
    if compare and "compare" not in data and data.get("float_tolerance") is None:
        data["compare"] = compare
    return None


_EXAMPLES = re.compile(r"^[\s#*-]*(?:examples?|samples?|sample\s+(?:input|test))\b", re.IGNORECASE | re.MULTILINE)


def split_public(tests: list[dict[str, str]], statement: str) -> tuple[list, list, str]:
    """(public, private, where the public tests came from): the tests shown as examples are public."""
    match = _EXAMPLES.search(statement)
    shown = " " + " ".join(statement[match.start():].split()) + " " if match else ""
    tokens = lambda text: " " + " ".join(text.split()) + " "  # noqa: E731
    public = [t for t in tests if t["input"].strip() and tokens(t["input"]) in shown and tokens(t["output"]) in shown]
    if not public:
        return tests[:1], tests[1:], "the first test"
    return public, [t for t in tests if t not in public], "the statement's examples"

