"""Fixtures for the executor's tests: the isolation guard, `alphasolve judge` runs, leftover checks.

Hostile programs run only behind `isolated`, which proves (by running a probe in the
sandbox) that the candidate is in its own pid namespace, as a non-root uid, without the
host's files or network. Without that the hostile tests are skipped, except under CI
(CI=true), where bubblewrap is installed and a missing sandbox is a failure.
"""

from __future__ import annotations

import os
import socket
import tempfile

import pytest
from exec_helpers import Judge

from alphasolve.execute import LocalExecutor


@pytest.fixture(scope="session")
def isolation_facts() -> dict:
    try:
        with LocalExecutor(workers=1, isolation="bwrap") as ex:
            return ex.verify_isolation()
    except RuntimeError as exc:
        return {"error": str(exc)}


@pytest.fixture
def isolated(isolation_facts):
    """Skip (fail under CI) unless the sandbox is verified: pid namespace, non-root, no host files."""
    facts = isolation_facts
    ok = (facts.get("pid_namespace") and facts.get("non_root") and not facts.get("etc_passwd")
          and facts.get("network") != "connected" and not facts.get("writable_cwd"))
    if not ok:
        reason = f"sandbox isolation not verified, hostile programs not run: {facts}"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return facts


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """The executor's temporary files go to a directory of this test's own."""
    path = tmp_path / "tmp"
    path.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(path))
    return path


@pytest.fixture
def judge(tmp_path, private_tmp) -> Judge:
    work = tmp_path / "work"
    work.mkdir()
    return Judge(work)


@pytest.fixture
def listener():
    """A TCP server on 127.0.0.1 that no candidate may reach."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.setblocking(False)
    yield sock
    sock.close()
