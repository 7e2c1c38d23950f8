#!/usr/bin/env bash
# Fails when the Dutch catalogues lag behind the code: a new string that is not in a .po, an
# entry without a Dutch translation, a fuzzy entry, or a .mo that was not recompiled.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}

$PY manage.py makemessages --locale nl --no-location --no-obsolete \
  --ignore '.venv/*' --ignore 'static/*' --ignore 'tests/*' >/dev/null
if ! git diff --quiet -I '^"POT-Creation-Date' -- '*.po'; then
  echo "Translations are out of date; run 'make messages' and translate:" >&2
  git diff --stat -- '*.po' >&2
  git diff -I '^"POT-Creation-Date' -- '*.po' | grep '^[+-]msgid' | head -20 >&2
  exit 1
fi
git checkout -- '*.po' 2>/dev/null || true

status=0
for po in $(git ls-files '*/locale/nl/LC_MESSAGES/django.po' 'locale/nl/LC_MESSAGES/django.po'); do
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
  msgfmt --check -o "$expected" "$po"
  if ! cmp -s "$expected" "$mo"; then
    echo "$mo is not compiled from $po; run 'make messages'." >&2
    status=1
  fi
  rm -f "$expected"
done
exit $status
