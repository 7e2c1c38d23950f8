from django.conf import settings


def absolute_url(path: str) -> str:
    """A link that works from an e-mail: the site's address (DRAAGVLAK_SITE_URL) and the path."""
    return settings.SITE_URL.rstrip("/") + path
