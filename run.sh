#!/usr/bin/env bash
# The two set-up commands of the README, for a fresh machine:
#   bash run.sh build   install what is needed, then build the book (python3 scripts/course.py build)
#   bash run.sh test    install what is needed (Chromium too, for the browser tests), then run the tests
set -euo pipefail
cd "$(dirname "$0")"

install_python() {
  python3 -m pip install --quiet --disable-pip-version-check -r requirements.txt
}

install_chromium() {
  if [[ -n "${CHROMIUM:-}" && -x "${CHROMIUM}" ]] || command -v chromium >/dev/null 2>&1; then return; fi
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Chromium for the browser tests (apt-get)..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  else
    echo "Chromium is missing: install Debian's 'chromium' package (sudo apt-get install chromium)." >&2
    exit 1
  fi
}

case "${1:-}" in
  build)
    install_python
    shift
    exec python3 scripts/course.py build "$@"
    ;;
  test)
    install_python
    install_chromium
    shift
    exec python3 -m pytest "$@"
    ;;
  *)
    echo "usage: bash run.sh build | bash run.sh test" >&2
    exit 2
    ;;
esac
