#!/usr/bin/env bash
# The two set-up commands of the README, for a fresh machine:
#   bash run.sh build   install what is needed, then build the book (python scripts/course.py build)
#   bash run.sh test    install what is needed (Chromium too, for the browser tests), then run the tests
#
# Everything Python is installed into a virtual environment inside the project, .venv/, never into the
# system's Python: Debian's and Ubuntu's own python3 refuse `pip install` (PEP 668,
# "externally-managed-environment"), and a venv keeps the book's pinned versions away from other work.
# The packages are installed again only when requirements.txt changed (a stamp file in .venv/).
# Any Python 3.11, 3.12 or 3.13 will do: the system's, pyenv's or python.org's. To choose one:
#   PYTHON=/path/to/python3.13 bash run.sh build
set -euo pipefail
cd "$(dirname "$0")"

VENV=.venv
STAMP="$VENV/.requirements-installed"   # the sha256 of the requirements.txt last installed, and the Python
SUPPORTED="3.11 3.12 3.13"

say() { printf '%s\n' "$*" >&2; }

# Print "3.11" for a Python interpreter, or nothing if it does not run.
python_version() {
  "$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || true
}

is_supported() {
  local v
  for v in $SUPPORTED; do [[ "$1" == "$v" ]] && return 0; done
  return 1
}

# The Python to make .venv with: $PYTHON if set, else the first supported one of python3, python3.13,
# python3.12, python3.11 on PATH.
choose_python() {
  local candidate version
  if [[ -n "${PYTHON:-}" ]]; then
    version=$(python_version "$PYTHON")
    if [[ -z "$version" ]]; then
      say "PYTHON=$PYTHON does not run. Set PYTHON to a Python 3.11, 3.12 or 3.13, or leave it unset."
      exit 1
    fi
    is_supported "$version" || say "Note: PYTHON=$PYTHON is Python $version; the book is tested with 3.11 to 3.13."
    echo "$PYTHON"
    return
  fi
  for candidate in python3 python3.13 python3.12 python3.11; do
    command -v "$candidate" >/dev/null 2>&1 || continue
    version=$(python_version "$candidate")
    if [[ -n "$version" ]] && is_supported "$version"; then
      command -v "$candidate"
      return
    fi
  done
  if command -v python3 >/dev/null 2>&1; then
    say "This book needs Python 3.11, 3.12 or 3.13; python3 here is Python $(python_version python3)."
  else
    say "Python 3 is missing: this book needs Python 3.11, 3.12 or 3.13."
  fi
  say "  On Debian 12 or Ubuntu 24.04:  sudo apt-get install python3 python3-venv"
  say "  On Ubuntu 22.04:               sudo apt-get install python3.11 python3.11-venv"
  say "  Anywhere else: install one from https://www.python.org/downloads/ (or with pyenv), then run this again."
  exit 1
}

# Debian and Ubuntu split `venv` out of their Python: without the python3-venv package,
# `python3 -m venv` stops with "ensurepip is not available". Say which package to install.
explain_missing_venv() {
  local python="$1" version="$2"
  say "Cannot make the virtual environment .venv/: Python $version ($python) lacks its 'venv' part."
  if [[ "$("$python" -c 'import sys; print(sys.prefix)' 2>/dev/null)" == /usr ]] && command -v apt-get >/dev/null 2>&1; then
    say "On Debian and Ubuntu that part is a separate package. Install it with:"
    say "  sudo apt-get install python3-venv"
    say "(or python${version}-venv if this Python is not the system's default python3), then run this again."
  else
    say "Install a Python that has it (python.org and pyenv Pythons do), or set PYTHON to one, then run this again."
  fi
  exit 1
}

requirements_hash() {
  "$VENV/bin/python" -c 'import hashlib, sys
print(hashlib.sha256(open("requirements.txt", "rb").read()).hexdigest(), "python%d.%d" % sys.version_info[:2])'
}

# Make .venv/ if it is missing, broken or made with another Python version, and install
# requirements.txt into it if that changed since the last install.
prepare_venv() {
  local python version venv_version
  python=$(choose_python)
  version=$(python_version "$python")
  venv_version=""
  [[ -x "$VENV/bin/python" ]] && venv_version=$(python_version "$VENV/bin/python")
  if [[ -n "$venv_version" && "$venv_version" != "$version" ]]; then
    say "The .venv/ was made with Python $venv_version; making it again with Python $version ($python)."
    rm -rf "$VENV"
    venv_version=""
  elif [[ -z "$venv_version" && -e "$VENV" ]]; then
    say "The .venv/ is broken (its Python no longer runs); making it again."
    rm -rf "$VENV"
  fi
  if [[ -z "$venv_version" ]]; then
    "$python" -c 'import venv, ensurepip' >/dev/null 2>&1 || explain_missing_venv "$python" "$version"
    say "Making the virtual environment .venv/ with Python $version ($python)..."
    if ! "$python" -m venv "$VENV"; then
      rm -rf "$VENV"
      explain_missing_venv "$python" "$version"
    fi
  fi
  if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$(requirements_hash)" ]]; then
    return
  fi
  say "Installing the Python packages of requirements.txt into .venv/ (the first time takes a few minutes)..."
  if ! "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements.txt; then
    rm -f "$STAMP"
    say "Could not install the packages (above: pip's reason). Check the connection to the package index"
    say "(https://pypi.org), then run this again: it carries on where it stopped."
    exit 1
  fi
  requirements_hash >"$STAMP"
}

install_chromium() {
  if [[ -n "${CHROMIUM:-}" && -x "${CHROMIUM}" ]] || command -v chromium >/dev/null 2>&1; then return; fi
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    say "Installing Chromium for the browser tests (apt-get)..."
    # wait up to 10 minutes for another apt-get holding the dpkg lock, rather than fail at once
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium fonts-dejavu-core >/dev/null
  else
    say "Chromium is missing: install Debian's 'chromium' package (sudo apt-get install chromium)."
    exit 1
  fi
}

# What runs below finds the venv's python, jupyter-book and pytest first, activated or not.
use_venv() {
  VIRTUAL_ENV="$PWD/$VENV"
  PATH="$VIRTUAL_ENV/bin:$PATH"
  export VIRTUAL_ENV PATH
  unset PYTHONHOME
}

case "${1:-}" in
  build)
    prepare_venv
    use_venv
    shift
    exec python scripts/course.py build "$@"
    ;;
  test)
    prepare_venv
    install_chromium
    use_venv
    shift
    exec python -m pytest "$@"
    ;;
  *)
    say "usage: bash run.sh build | bash run.sh test   (anything after 'build' or 'test' is passed on)"
    exit 2
    ;;
esac
