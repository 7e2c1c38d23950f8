"""How much the rendering layer adds to WeasyPrint, on a demo document.

(a) WeasyPrint alone on the final HTML of the demo briefing (or, with --kind evaluation, the
evaluation report); (b) the full render of
pilots/documents/: queries, context, template and WeasyPrint. Prints both and their ratio
(the target is at most 1.15). Needs a seeded demo database:

    DATABASE_URL=sqlite:////tmp/documents.sqlite3 DJANGO_SETTINGS_MODULE=config.settings.local \\
        .venv/bin/python scripts/benchmark_documents.py [--runs 5] [--kind evaluation]
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django

django.setup()

from core.membership import first_municipality  # noqa: E402
from core.scoping import municipality_scope  # noqa: E402
from pilots.demo import APPROVED_TITLE  # noqa: E402
from pilots.documents.context import document_context  # noqa: E402
from pilots.documents.models import DocumentKind  # noqa: E402
from pilots.documents.render import html_to_pdf, render_html, render_pdf  # noqa: E402
from pilots.models import Programme  # noqa: E402


def timed(function, runs: int) -> tuple[float, float]:
    """Median wall and CPU time of `runs` calls: the CPU time is what a shared machine's
    load does not inflate."""
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        function()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    with municipality_scope(first_municipality()):
        measure()


def measure() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--kind", choices=DocumentKind.values, default=DocumentKind.BRIEFING)
    options = parser.parse_args()
    runs = options.runs
    programme = Programme.objects.filter(title=APPROVED_TITLE).first()
    if programme is None:
        sys.exit("The demo programme is missing: run manage.py seed_demo first.")
    arguments = {"programme_id": programme.pk, "kind": options.kind, "language": "nl-be"}
    html = render_html(document_context(**arguments), language="nl-be")
    # One render each to warm font and template caches, so neither side pays for them.
    html_to_pdf(html)
    render_pdf(**arguments)
    alone, alone_cpu = timed(lambda: html_to_pdf(html), runs)
    full, full_cpu = timed(lambda: render_pdf(**arguments), runs)
    print(f"(a) WeasyPrint alone on the final HTML: {alone:.3f} s, CPU {alone_cpu:.3f} s")
    print(f"(b) full render in pilots/documents/: {full:.3f} s, CPU {full_cpu:.3f} s")
    print(
        f"ratio (b)/(a), median of {runs}: wall {full / alone:.3f}, CPU {full_cpu / alone_cpu:.3f}"
    )


if __name__ == "__main__":
    main()
