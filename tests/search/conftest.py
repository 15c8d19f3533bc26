"""Search-test fixtures, and the relevance report printed at the end of the pytest run."""
from __future__ import annotations

import pytest

_REPORT = pytest.StashKey[list]()


@pytest.fixture(scope="session")
def relevance_report(pytestconfig) -> list[str]:
    """Lines a relevance test wants shown in the terminal summary (recall@3, MRR, misses)."""
    return pytestconfig.stash.setdefault(_REPORT, [])


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Print what the relevance tests measured, whether they passed or failed."""
    lines = config.stash.get(_REPORT, [])
    if lines:
        terminalreporter.write_sep("=", "search relevance")
        for line in lines:
            terminalreporter.write_line(line)
