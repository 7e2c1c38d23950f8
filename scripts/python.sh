#!/usr/bin/env bash
# Prints the Python that `make setup` builds the virtualenv with: a 3.12 or 3.13 where this
# machine has one, since coverage then measures through sys.monitoring, which costs the test
# suite far less than the tracer 3.11 needs; else python3 (3.11 or newer). PYTHON=... overrides.
pyenv_root=${PYENV_ROOT:-$HOME/.pyenv}
for candidate in python3.12 python3.13 "$pyenv_root"/versions/3.12*/bin/python3.12 \
  "$pyenv_root"/versions/3.13*/bin/python3.13 python3; do
  # A pyenv shim exists for every installed version but runs only the selected one.
  if "$candidate" -c 'import sqlite3, ssl, sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "$candidate"
    exit 0
  fi
done
echo python3
