"""Language names: alphasolve's canonical names and the aliases problem files use."""

from __future__ import annotations

PYTHON3 = "python3"
C = "c"
CPP = "cpp"

#: languages alphasolve can compile and run
EXECUTABLE = (PYTHON3, C, CPP)

#: CodeContests' Language enum (0 UNKNOWN, 1 PYTHON (2), 2 CPP, 3 PYTHON3, 4 JAVA)
_CODECONTESTS = {0: "unknown", 1: "python2", 2: CPP, 3: PYTHON3, 4: "java"}

_ALIASES = {
    "python3": PYTHON3, "python": PYTHON3, "py": PYTHON3, "py3": PYTHON3, "pypy3": PYTHON3,
    "python 3": PYTHON3,
    "python2": "python2", "py2": "python2",
    "c": C, "gnu c": C, "gnu c11": C,
    "cpp": CPP, "c++": CPP, "cc": CPP, "cxx": CPP, "g++": CPP, "gnu c++": CPP, "c++17": CPP,
    "java": "java",
    "unknown": "unknown", "unknown_language": "unknown",
}

EXTENSIONS = {PYTHON3: ".py", C: ".c", CPP: ".cpp", "java": ".java", "python2": ".py"}
_FROM_EXTENSION = {".py": PYTHON3, ".c": C, ".cpp": CPP, ".cc": CPP, ".cxx": CPP, ".c++": CPP}


def normalize(value: object) -> str:
    """Canonical language name for a CodeContests integer or a name; raises ValueError."""
    if isinstance(value, bool):
        raise ValueError(f"not a language: {value!r}")
    if isinstance(value, int):
        if value in _CODECONTESTS:
            return _CODECONTESTS[value]
        raise ValueError(f"unknown CodeContests language number {value}")
    if isinstance(value, str):
        key = value.strip().lower()
        if key in _ALIASES:
            return _ALIASES[key]
    raise ValueError(f"unknown language {value!r}")


def from_path(path: str) -> str:
    """Language of a source file by its extension; raises ValueError."""
    import os

    ext = os.path.splitext(path)[1].lower()
    if ext not in _FROM_EXTENSION:
        raise ValueError(f"cannot tell the language of {path!r} (use .py, .c, .cpp or .cc)")
    return _FROM_EXTENSION[ext]
