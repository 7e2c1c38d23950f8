from django import template
from django.conf import settings

from attachments.forms import AttachmentForm
from attachments.registry import holder_of
from attachments.selectors import attachments_of

register = template.Library()


@register.inclusion_tag("attachments/_panel.html", takes_context=True)
def attachments_panel(context, target, compact=False):
    """The attachments of `target` and, for whoever may change it, the upload form. With
    `compact`, a list without its own card (a market dialogue inside the pilot's page)."""
    user = context["request"].user
    holder = holder_of(type(target))
    if holder is None:
        raise template.TemplateSyntaxError(f"{type(target).__name__} takes no attachments")
    may_change = holder.may_change(user, target)
    return {
        "target": target,
        "key": holder.key,
        "prefix": f"attachments-{holder.key}-{target.pk}",
        "attachments": attachments_of(target),
        "may_change": may_change,
        "annexable": holder.annexable,
        "form": AttachmentForm(
            annexable=holder.annexable, auto_id=f"id_{holder.key}_{target.pk}_%s"
        )
        if may_change
        else None,
        "limit": settings.ATTACHMENT_MAX_BYTES,
        "compact": compact,
        "csrf_token": context.get("csrf_token"),
    }
