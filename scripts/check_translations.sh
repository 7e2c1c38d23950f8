#!/usr/bin/env bash
# Fails when the Dutch catalogues lag behind the code: a new string that is not in a .po, an
# entry without a Dutch translation, a fuzzy entry, or a .mo that was not recompiled.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}

# Regenerate the catalogues into the work tree, compare them with what was there (ignoring the
# creation date), and put the originals back whatever happens: uncommitted work is never lost.
pos=$(git ls-files '*/locale/nl/LC_MESSAGES/django.po' 'locale/nl/LC_MESSAGES/django.po')
saved=$(mktemp -d)
for po in $pos; do mkdir -p "$saved/$(dirname "$po")"; cp "$po" "$saved/$po"; done
restore() { for po in $pos; do cp "$saved/$po" "$po"; done; rm -rf "$saved"; }
trap restore EXIT

$PY manage.py makemessages --locale nl --no-location --no-obsolete \
  --ignore '.venv/*' --ignore 'static/*' --ignore 'tests/*' >/dev/null
lagging=0
for po in $pos; do
  if ! diff -q -I '^"POT-Creation-Date' "$saved/$po" "$po" >/dev/null; then
    echo "$po is out of date with the code; run 'make messages' and translate:" >&2
    diff -I '^"POT-Creation-Date' "$saved/$po" "$po" | grep '^> msgid' | head -10 >&2 || true
    lagging=1
  fi
done
restore
trap - EXIT
[ "$lagging" = 0 ] || exit 1

status=0
for po in $pos; do
  untranslated=$(msgattrib --untranslated --no-obsolete "$po" | grep -c '^msgid ' || true)
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$po" | grep -c '^msgid ' || true)
  # msgattrib prints the header entry too when anything is listed.
  if [ "$untranslated" -gt 0 ] || [ "$fuzzy" -gt 0 ]; then
    echo "$po: untranslated or fuzzy entries:" >&2
    msgattrib --untranslated --no-obsolete "$po" | grep '^msgid ' | tail -n +2 | head -10 >&2
    msgattrib --only-fuzzy --no-obsolete "$po" | grep '^msgid ' | tail -n +2 | head -10 >&2
    status=1
  fi
  mo="${po%.po}.mo"
  expected=$(mktemp)
  msgfmt --check -o "$expected" "$po" 2>/dev/null
  if ! cmp -s "$expected" "$mo"; then
    echo "$mo is not compiled from $po; run 'make messages'." >&2
    status=1
  fi
  rm -f "$expected"
done
exit $status
