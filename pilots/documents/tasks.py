"""The background tasks of the documents (Django's tasks API, `django-tasks` with its database
backend): laying out a PDF with WeasyPrint never happens in a web request. Run by
`manage.py db_worker` (docs/operations.md)."""

from django_tasks import task

from core.models import Municipality
from core.scoping import municipality_scope


@task()
def render_document(*, rendering_id: int, municipality_id: int) -> str:
    """Lays out one `Rendering`, inside its programme's municipality."""
    from . import services

    with municipality_scope(Municipality.objects.get(pk=municipality_id)):
        return services.rendering_run(rendering_id=rendering_id)
