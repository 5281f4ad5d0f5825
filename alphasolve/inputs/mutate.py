"""New test inputs for clustering, made by mutating the public test inputs.

    mutate_inputs(public_inputs, count=50, seed=0) -> [GeneratedInput(input, origin), ...]

The public inputs come first (deduplicated); then mutants, each made by one to three edits of
one public input (or a combination of two) that keep its shape (see `structure` for the
layout inference and `model` for the facts that keep values plausible):

- ``int`` / ``float``: change a few values, or a share of all of them: same sign, similar
  magnitude, small stays small, 0/1 flags stay flags, bounded columns stay bounded, floats
  keep their decimals, sorted or distinct arrays stay so, permutations are only shuffled;
- ``count``: change an integer that counts what follows and resize it (array, string,
  group of lines or test cases, grid width; a tree is regrown);
- ``string``: change, swap or shuffle characters within their class and alphabet;
- ``shuffle``: shuffle an array, the elements of a group (lines, test cases) or a tree's labels;
- ``combine(public[i],public[j])``: mix units of the same layout from two inputs: tokens of
  same-shaped lines, elements of groups (test cases of multi-test inputs), with counts updated;
- ``edge:...``: boundary mutants (EDGE_SHARE of the attempts, see `boundary`): minimal sizes,
  smallest and largest values, the power of ten above the largest, all-equal, sorted and
  reversed arrays, duplicates, repeated characters, other lengths and alphabets.

Every mutant keeps the facts `constraints` measured on its public input (no self-loops,
distinct columns, symmetric matrices, ...); one that cannot is dropped.

Pure: no I/O; deterministic for the same arguments (a private `random.Random(seed)`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Callable, Sequence

from alphasolve.inputs.boundary import edge_edit, least_size
from alphasolve.inputs.model import Model, walk
from alphasolve.inputs.structure import Doc, Group, Unit, align, row_length
from alphasolve.inputs.tokens import is_plain_int, perturb_int
from alphasolve.inputs.trees import relabel_tree

__all__ = ["GeneratedInput", "mutate_inputs"]

# Mutating costs about 5 s per MB of input; stop after attempts on this many bytes (a 1 MB
# public input gives about 10 mutants; inputs under 25 kB are never limited by it).
WORK_BYTES = 10_000_000
#: share of attempts that make boundary mutants (`boundary`); the others keep values plausible
EDGE_SHARE = 0.5


@dataclass(frozen=True)
class GeneratedInput:
    input: str
    origin: str  # "public[0]", "mutate:public[1]:int", "mutate:combine(public[0],public[2])", ...


def mutate_inputs(public_inputs: Sequence[str], count: int, seed: int, tries: int = 400,
                  max_bytes: int = 1_000_000, exclude: Sequence[str] = ()) -> list[GeneratedInput]:
    """The distinct public inputs (in order), then distinct mutants, `count` inputs at most.

    Stops after `tries` mutation attempts (or attempts on WORK_BYTES of input, which only matters
    for public inputs of hundreds of kilobytes) even if fewer than `count` inputs were made. Mutants
    are never empty, never larger than `max_bytes`, never equal (up to whitespace) to another
    input or to one in `exclude` (inputs from elsewhere), and end with a newline exactly when
    their source does.
    """
    return _generate(public_inputs, count, seed, tries, max_bytes, strict=False, exclude=exclude)


def input_key(text: str) -> str:
    """An input up to whitespace: inputs equal under it are one input."""
    return "\n".join(" ".join(line.split()) for line in text.split("\n") if line.strip())


def _generate(public_inputs: Sequence[str], count: int, seed: int, tries: int, max_bytes: int,
              strict: bool, exclude: Sequence[str] = ()) -> list[GeneratedInput]:
    out: list[GeneratedInput] = []
    seen: set[str] = {input_key(text) for text in exclude}
    sources: list[tuple[int, str]] = []
    for i, text in enumerate(public_inputs):
        key = input_key(text)
        if key in seen:
            continue
        seen.add(key)
        out.append(GeneratedInput(text, f"public[{i}]"))
        if key:
            sources.append((i, text))
    if len(out) >= count:
        return out[:max(count, 0)]
    rng = random.Random(seed)
    models = []
    for i, text in sources:
        try:
            models.append(Model(i, text))
        except Exception:  # a layout we cannot read must not stop the run
            if strict:
                raise
    if not models:
        return out
    pairs = [(a, b) for a in range(len(models)) for b in range(len(models))
             if a != b and _combinable(models[a], models[b])]
    work, size = 0, sum(len(m.text) for m in models) // len(models) + 1
    for _ in range(max(tries, 0)):
        if len(out) >= count or work > WORK_BYTES:
            break
        work += size
        try:
            made = _attempt(rng, models, pairs)
        except Exception:
            if strict:
                raise
            continue
        if made is None:
            continue
        text, origin = made
        key = input_key(text)
        if not key or key in seen or len(text.encode()) > max_bytes:
            continue
        seen.add(key)
        out.append(GeneratedInput(text, origin))
    return out


# -- one attempt ---------------------------------------------------------------------------------
def _attempt(rng: random.Random, models: list[Model], pairs: list[tuple[int, int]]):
    done: list[str] = []
    if rng.random() < EDGE_SHARE:
        model = rng.choice(models)
        made = edge_edit(rng, model)
        if made is None:
            return None
        doc, done = made
        return doc.render(), f"mutate:public[{model.index}]:edge:" + "+".join(done)
    if pairs and rng.random() < 0.25:
        a, b = rng.choice(pairs)
        model = models[a]
        doc = _combine(rng, model, models[b])
        label = f"mutate:combine(public[{model.index}],public[{models[b].index}])"
        edits = 1 if rng.random() < 0.3 else 0
    else:
        model = rng.choice(models)
        doc = model.doc.clone()
        label = f"mutate:public[{model.index}]"
        edits = rng.choices((1, 2, 3), weights=(6, 3, 1))[0]
    names, weights = _available(model)
    for _ in range(edits if names else 0):
        name = rng.choices(names, weights)[0]
        if _OPS[name](rng, model, doc):
            done.append(name)
    if not done and not label.startswith("mutate:combine"):
        return None
    if not model.repair(rng, doc):
        return None
    return doc.render(), label + (":" + "+".join(done) if done else "")


def _available(model: Model) -> tuple[list[str], list[float]]:
    cached = getattr(model, "_ops", None)
    if cached is None:
        kinds = {k for site in walk(model.doc.units) for _, k in model.value_tokens(site)}
        counts = any(site.unit is not None and site.unit.links and site.line.ckey not in model.frozen
                     for site in walk(model.doc.units))
        table = [("int", 4, "i" in kinds), ("float", 3, "f" in kinds), ("string", 3, "s" in kinds),
                 ("count", 3, counts), ("shuffle", 1.5, bool(_shufflable(model, model.doc)))]
        cached = ([n for n, _, ok in table if ok], [w for _, w, ok in table if ok])
        model._ops = cached  # type: ignore[attr-defined]
    return cached


# -- edits ---------------------------------------------------------------------------------------
def _edit_values(kind: str) -> Callable[[random.Random, Model, Doc], bool]:
    def edit(rng: random.Random, model: Model, doc: Doc) -> bool:
        cands = [(site, j) for site in walk(doc.units) for j, k in model.value_tokens(site) if k == kind]
        if not cands:
            return False
        if rng.random() < 0.65:
            picks = rng.sample(cands, min(len(cands), rng.choice((1, 1, 2, 3))))
        else:
            share = rng.choice((0.2, 0.5))
            picks = [c for c in cands if rng.random() < share] or [rng.choice(cands)]
        edited = {}
        for site, j in picks:
            if model.edit_token(rng, site, j, kind):
                edited[id(site)] = site
        for site in edited.values():
            model.fix_array(rng, site)
        return bool(edited)
    return edit


def _edit_count(rng: random.Random, model: Model, doc: Doc) -> bool:
    cands = [(site, link) for site in walk(doc.units) if site.unit is not None
             and site.line.ckey not in model.frozen for link in site.unit.links]
    if not cands:
        return False
    site, link = rng.choice(cands)
    v = int(site.line.toks[link.tok])
    hi = model.bound(site, link.tok)
    least = least_size(model, site, link) + link.off
    for _ in range(6):
        new = least if rng.random() < 0.1 else perturb_int(rng, v, None, least, hi)
        if new != v and new >= least:
            model.set_count(rng, site, link, new)
            return True
    return False


def _ordered(group: Group) -> bool:
    """Elements whose first numbers are sorted (events in time order): keep their order."""
    firsts = [e[0].head.toks[0] for e in group.elems]
    if len(firsts) < 3 or not all(is_plain_int(t) for t in firsts):
        return False
    vals = [int(t) for t in firsts]
    return all(x <= y for x, y in zip(vals, vals[1:])) and vals[0] < vals[-1]


def _shufflable(model: Model, doc: Doc) -> list:
    out = []
    for site in walk(doc.units):
        if site.line.ckey in model.frozen:
            continue
        if site.role == "arr" or site.inline():
            info = model.arrays.get((site.line.ckey, -1))
            rest = site.line.toks[1:] if site.inline() else site.line.toks
            if len(set(rest)) >= 2 and not (info is not None and info.sorted):
                out.append(site)
        if site.unit is not None:
            out += [c for c in site.unit.children if isinstance(c, Group) and len(c.elems) >= 2
                    and (c.tree >= 0 or not _ordered(c))]
    return out


def _edit_shuffle(rng: random.Random, model: Model, doc: Doc) -> bool:
    cands = _shufflable(model, doc)
    if not cands:
        return False
    target = rng.choice(cands)
    if isinstance(target, Group):
        before = [[id(u) for u in e] for e in target.elems]
        if target.tree >= 0:
            relabel_tree(rng, target)
        rng.shuffle(target.elems)
        return target.tree >= 0 or [[id(u) for u in e] for e in target.elems] != before
    start = 1 if target.inline() else 0
    rest = target.line.toks[start:]
    new = list(rest)
    rng.shuffle(new)
    target.line.toks[start:] = new
    return new != rest


_OPS = {"int": _edit_values("i"), "float": _edit_values("f"), "string": _edit_values("s"),
        "count": _edit_count, "shuffle": _edit_shuffle}


# -- combining two inputs ------------------------------------------------------------------------
def _combinable(a: Model, b: Model) -> bool:
    sigs = {u.sig for u in b.doc.units}
    return any(u.sig in sigs for u in a.doc.units)


def _combine(rng: random.Random, ma: Model, mb: Model) -> Doc:
    """`ma`'s input with each unit replaced, where `mb` has one of the same layout, by a mix."""
    doc, other = ma.doc.clone(), mb.doc.clone()
    for i, ua in enumerate(doc.units):
        matches = [u for u in other.units if u.sig == ua.sig]
        if matches:
            ub = rng.choice(matches)
            align(ua, ub)
            doc.units[i] = _cross(rng, ua, ub)
    return doc


def _cross(rng: random.Random, ua: Unit, ub: Unit) -> Unit:
    base, other = (ua, ub) if rng.random() < 0.5 else (ub, ua)
    if not base.links:
        if len(base.head.toks) == len(other.head.toks):
            base.head.toks = [rng.choice(pair) for pair in zip(base.head.toks, other.head.toks)]
        return base
    widths = {l.child for l in base.links if l.kind == "width"}
    for link in base.links:
        if link.kind != "lines":
            continue
        g1, g2 = base.children[link.child], other.children[link.child]
        if g1.tree >= 0 or g1.square or link.child in widths:
            continue
        if g1.rows and row_length(g1.elems[0][0].head, g1.rows) != row_length(g2.elems[0][0].head, g2.rows):
            continue
        pool = g1.elems + g2.elems
        lo, hi = sorted((len(g1.elems), len(g2.elems)))
        size = rng.randint(lo, hi)
        g1.elems = [pool[i] for i in rng.sample(range(len(pool)), size)]
        base.head.toks[link.tok] = str(size + link.off)
    return base
