#!/usr/bin/env bash
# Renders the demo programme's documents and turns every page into a PNG to look at:
# the draft briefing and evaluation report, and the official versions of both as stored.
#
#   scripts/render_document_previews.sh [output folder]   (default: /tmp/document-previews)
#
# Uses DATABASE_URL (a seeded demo database) and pdftoppm (poppler-utils).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
OUT=${1:-/tmp/document-previews}
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-config.settings.local}
mkdir -p "$OUT"
rm -f "$OUT"/*.pdf "$OUT"/*.png

"$PY" - "$OUT" <<'PYTHON'
import sys
from pathlib import Path

import django

django.setup()

from core.membership import first_municipality
from core.scoping import municipality_scope
from pilots.demo import APPROVED_TITLE
from pilots.documents.models import DocumentKind
from pilots.documents.render import render_pdf
from pilots.models import Programme

out = Path(sys.argv[1])
scope = municipality_scope(first_municipality())
scope.__enter__()
programme = Programme.objects.filter(title=APPROVED_TITLE).first()
if programme is None:
    sys.exit("The demo programme is missing: run manage.py seed_demo first.")
for kind in DocumentKind.values:
    pdf = render_pdf(programme_id=programme.pk, kind=kind, language="nl-be")
    (out / f"{kind}-draft.pdf").write_bytes(pdf)
for kind in DocumentKind.values:
    official = programme.official_documents.filter(kind=kind).order_by("-version").first()
    if official is not None:
        with official.file.open("rb") as stored:
            (out / f"{kind}-official.pdf").write_bytes(stored.read())
PYTHON

for pdf in "$OUT"/*.pdf; do
  pdftoppm -r 70 -png "$pdf" "${pdf%.pdf}"
done
ls "$OUT"
