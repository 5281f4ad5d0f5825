"""One subproblem's limits out of a statement that lists several (pure).

Codeforces' ABBYY Cup problems come as subproblems A1, A2, A3 of one statement, whose input section
lists a block of limits per subproblem:

    The input limitations for getting 20 points are:
    - 1 ≤ n ≤ 300
    The input limitations for getting 50 points are:
    - 1 ≤ n ≤ 2000

A1 is judged on the first block's limits, A2 on the second's ("The input limits for scoring 30
points are (subproblem A1):" names it). Read whole, the statement gives the widest, the last
subproblem's: inputs drawn for A1 at n = 10^5 are out of its range, and a correct program that
is quadratic there (fine for A1) splits from the others. `subproblem_text` keeps the block of the
subproblem a problem's name or id says (the k-th block for suffix k, or the first naming it), and
leaves any other statement as it is.
"""

from __future__ import annotations

import re

#: "The input limitations for getting 20 points are:", "The input limits for scoring 30 points are (subproblem A1):"
_HEADER = re.compile(r"^[^\n]*\binput limit(?:ation)?s for (?:getting|scoring) \d+ points? are\b[^\n]*$",
                     re.IGNORECASE | re.MULTILINE)
#: where the last block ends: the next section's title or a line that is not a limit
_BLOCK_END = re.compile(r"^(?!\s*[-•*]\s)(?!\s*$)", re.MULTILINE)
#: "178-A1", "Codeforces 178A1: ..." → ("A", 1)
_PART = re.compile(r"(?:^|[\d\s_-])([A-Z])([1-9])(?=$|[^\w])")


def part_of(*names: str | None) -> tuple[str, int] | None:
    """The subproblem a problem's id or name names (`("A", 1)` for "codeflaws-178-A1"), or None."""
    for name in names:
        m = _PART.search(name or "")
        if m:
            return m.group(1), int(m.group(2))
    return None


def subproblem_text(description: str, part: tuple[str, int] | None) -> str:
    """`description` with only `part`'s block of limits kept, when it lists one block per
    subproblem; unchanged otherwise (no part, one block, or fewer blocks than the part's number
    and none naming it)."""
    if part is None:
        return description
    headers = list(_HEADER.finditer(description))
    if len(headers) < 2:
        return description
    blocks = []
    for k, header in enumerate(headers):
        end = headers[k + 1].start() if k + 1 < len(headers) else _block_end(description, header.end())
        blocks.append((header.start(), end))
    label = f"{part[0]}{part[1]}"
    named = [k for k, h in enumerate(headers) if re.search(rf"\b{label}\b", h.group(0))]
    if named:
        keep = named[0]
    elif any(re.search(r"\bsubproblems?\b", h.group(0), re.IGNORECASE) for h in headers) or \
            part[1] > len(blocks):
        return description
    else:
        keep = part[1] - 1
    out, last = [], 0
    for k, (start, end) in enumerate(blocks):
        out.append(description[last:start])
        if k == keep:
            out.append(description[start:end])
        last = end
    out.append(description[last:])
    return "".join(out)


def _block_end(text: str, start: int) -> int:
    """The end of the last block: its limit lines ("- 1 ≤ n ≤ 10^5"), up to the first other line."""
    pos = text.find("\n", start)
    if pos < 0:
        return len(text)
    m = _BLOCK_END.search(text, pos + 1)
    return m.start() if m else len(text)
