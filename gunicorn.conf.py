"""gunicorn's configuration; gunicorn reads ./gunicorn.conf.py from the directory it starts in.

gunicorn adds `Server: gunicorn` to every HTTP/1 response and has no setting to leave it out.
The header tells an attacker which server (and so which known weaknesses) to try, and nothing
useful to anyone else, so the response's default headers are taken without it.
"""

from gunicorn.http import wsgi

_default_headers = wsgi.Response.default_headers


def _default_headers_without_server(self):
    return [line for line in _default_headers(self) if not line.lower().startswith("server:")]


wsgi.Response.default_headers = _default_headers_without_server  # type: ignore[method-assign]
