#!/usr/bin/env python3
"""course: the one command for the OCSEA training book.

Type ``python3 scripts/course.py --help`` to see what it can do.
"""

from __future__ import annotations

import argparse
import errno
import os
import signal
import sys
import tempfile
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

STOPPED = ("Stopped. Files are only written when complete, so nothing was half-written, "
           "and the last good website is unchanged.")
EXIT_TERMINATED = 128 + signal.SIGTERM  # 143, as a shell reports a program stopped by SIGTERM


class Terminated(KeyboardInterrupt):
    """SIGTERM (a CI job cancelled, ``kill``, a service stopping): handled exactly like Ctrl-C, so every
    clean-up that Ctrl-C runs (kernels and Jupyter Book stopped, temporary folders removed) runs too."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


signal.signal(signal.SIGTERM, _terminate)

ROOT = Path(__file__).resolve().parent.parent
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"  # made by `bash run.sh build` (or test)


def _use_project_venv(missing: ModuleNotFoundError) -> None:
    """Typed as `python3 scripts/course.py ...` with a Python that lacks the book's packages (Debian's
    own, say): run again with the project's .venv/ that run.sh made, or say how to make it."""
    if VENV_PYTHON.is_file() and Path(sys.prefix).resolve() != VENV_PYTHON.parent.parent.resolve():
        os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), *sys.argv])
    print(f"This Python ({sys.executable}) lacks the package '{missing.name}' the book needs. "
          "Type 'bash run.sh build' once: it installs everything into .venv/ in this folder, "
          "which this command then uses by itself.", file=sys.stderr)
    sys.exit(1)


try:  # Ctrl-C while the libraries load is still a clean stop
    from coursekit.commands import modules, named
    from coursekit.commands.ui import show_findings
    from coursekit.model import interrupts
    from coursekit.model.findings import InputError
except KeyboardInterrupt as exc:
    print(STOPPED, file=sys.stderr)
    sys.exit(EXIT_TERMINATED if isinstance(exc, Terminated) else 130)
except ModuleNotFoundError as exc:
    if exc.name and exc.name.split(".")[0] == "coursekit":
        raise
    _use_project_venv(exc)

EXIT_INTERNAL = 70  # not 1: a fault in the tool must never pass for a finding about the trainer's files

INTRO = """\
Build and check the training book on online child sexual exploitation and abuse (OCSEA)
for police, prosecutors and judges.

Most used:
  python3 scripts/course.py validate     check your edits
  python3 scripts/course.py build        make the website (open _build/participant/html/index.html)

Each command has its own help, for example: python3 scripts/course.py build --help"""


def verb_of(argv: list[str]) -> str | None:
    """The command a command line names (its first word that is not an option or ``--root``'s folder)."""
    rest = iter(argv)
    for word in rest:
        if word == "--root":
            next(rest, None)
        elif not word.startswith("-"):
            return word
    return None


def parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The command line's parser. With ``argv`` naming a known command, it holds that command alone, so
    only its modules are imported; otherwise (``--help``, no or an unknown command) every command."""
    p = argparse.ArgumentParser(prog="python3 scripts/course.py", description=INTRO,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--root", type=Path, default=ROOT, metavar="FOLDER",
                   help="the course folder to work on (default: this checkout)")
    sub = p.add_subparsers(dest="verb", metavar="COMMAND", title="commands")
    verb = verb_of(sys.argv[1:] if argv is None else argv)
    one = named(verb) if verb else None
    for mod in [one] if one else modules():
        sp = sub.add_parser(mod.NAME, help=mod.SUMMARY, description=mod.DESCRIPTION,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
        mod.add_arguments(sp)
        sp.set_defaults(run=mod.run)
    return p


def main(argv: list[str] | None = None) -> int:
    try:
        p = parser(argv)  # imports the command's modules: Ctrl-C may arrive here too
        args = p.parse_args(argv)
        if not getattr(args, "run", None):
            p.print_help()
            return 2
        with interrupts.noted():  # a Ctrl-C swallowed by a finalizer still stops validate, build and pack
            return args.run(args, args.root.resolve())  # at their next step (``interrupts.stop_if_asked``)
    except InputError as exc:
        show_findings(exc.findings)
        return 1
    except KeyboardInterrupt as exc:
        print(STOPPED, file=sys.stderr)
        return EXIT_TERMINATED if isinstance(exc, Terminated) else 130
    except OSError as exc:
        if exc.errno in ENVIRONMENT_ERRORS and not os.environ.get("COURSE_DEBUG"):
            return _environment_error(exc)
        if os.environ.get("COURSE_DEBUG"):
            raise
        return _internal_error(exc)
    except Exception as exc:  # a bug in the tool: say so plainly, keep the traceback for the maintainers
        if os.environ.get("COURSE_DEBUG"):
            raise
        return _internal_error(exc)


# The computer, not the tool, refused: the trainer can act on these, so they are findings-like (exit 1).
ENVIRONMENT_ERRORS = {
    errno.ENOSPC: "the disk is full: free some space (for example delete old _build folders), then run it again",
    errno.EDQUOT: "your disk quota is used up: free some space, then run it again",
    errno.EACCES: "permission denied: make the folder writable for you (or run from a copy you own)",
    errno.EPERM: "the operation is not permitted here: check the file's permissions and attributes",
    errno.EROFS: "the folder is on a read-only disk: work in a copy on a writable disk",
    errno.ENOTDIR: "a part of this path is a file, not a folder: choose another path or move the file",
    errno.EISDIR: "this is a folder, not a file: give the path of a file",
    errno.EEXIST: "something is already there: move it away or choose another path",
}


def _environment_error(exc: OSError) -> int:
    where = exc.filename or "(path unknown)"
    if exc.filename2:
        where += f" -> {exc.filename2}"
    print(f"Could not write or read {where}: {exc.strerror or exc}.\n"
          f"What to do: {ENVIRONMENT_ERRORS[exc.errno]}. Files are written whole or not at all, so nothing "
          "was half-written and the last good website is unchanged.", file=sys.stderr)
    return 1


def _internal_error(exc: Exception) -> int:
    fd, log = tempfile.mkstemp(prefix="course-error-", suffix=".log")  # outside the course: it stays untouched
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(traceback.format_exc())
    print(f"Internal error: {type(exc).__name__}: {exc}\n"
          "This is a fault in the tool, not in your files; nothing was published and no file was half-written.\n"
          f"Please send {log} to the maintainers (set COURSE_DEBUG=1 to see the details here).", file=sys.stderr)
    return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
