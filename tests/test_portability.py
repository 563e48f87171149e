"""run.sh on macOS (issue 25): macOS ships bash 3.2 and BSD tools, so run.sh uses neither bash 4
features nor GNU-only options. CI also runs ``/bin/bash run.sh build`` on macOS; this catches the
usual slips on every machine, before that job does."""

from __future__ import annotations

import re

from conftest import REPO

BASH4 = {r"declare -[AlunN]": "declare -A/-l/-u/-n (bash 4)", r"\bmapfile\b|\breadarray\b": "mapfile (bash 4)",
         r"\$\{\w+(,,|\^\^)": "${var,,} case changes (bash 4)", r"\|&": "|& (bash 4)", r"&>>": "&>> (bash 4)",
         r"\bcoproc\b": "coproc (bash 4)", r"local -n\b": "name references (bash 4.3)",
         r"\$\{\w+\[-1\]\}": "negative array index (bash 4.3)", r"\bwait -n\b": "wait -n (bash 4.3)"}
GNU_ONLY = {r"\bsed -i(\s|$)(?!'')": "sed -i without a suffix (BSD sed needs one)", r"readlink -f": "readlink -f",
            r"grep -\w*P": "grep -P", r"\bdate -d\b": "date -d", r"\bstat -c\b": "stat -c",
            r"\bsha256sum\b": "sha256sum (macOS has shasum)", r"\bnproc\b": "nproc", r"\btimeout\s": "timeout"}


def _code_lines() -> list[tuple[int, str]]:
    return [(n, ln) for n, ln in enumerate((REPO / "run.sh").read_text().splitlines(), start=1)
            if ln.strip() and not ln.lstrip().startswith("#")]


def test_run_sh_uses_no_bash_4_features_or_gnu_only_options():
    problems = [f"run.sh:{n}: {what}: {ln.strip()}" for n, ln in _code_lines()
                for pattern, what in {**BASH4, **GNU_ONLY}.items() if re.search(pattern, ln)]
    assert not problems, "\n".join(problems)


def test_the_check_would_see_a_bash_4_slip():
    line = 'declare -A seen; mapfile -t lines < f; echo "${name,,}"; sed -i s/a/b/ f'
    found = [what for pattern, what in {**BASH4, **GNU_ONLY}.items() if re.search(pattern, line)]
    assert len(found) == 4, found


def test_ci_builds_with_macos_bash():
    workflow = (REPO / ".github" / "workflows" / "book.yml").read_text()
    assert "runs-on: macos-" in workflow and "/bin/bash run.sh build" in workflow
