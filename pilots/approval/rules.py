"""The pure rules of approval: no database, no request."""

import hashlib
import json


def fingerprint_of(content: dict) -> str:
    """SHA-256 of a canonical serialisation: sorted keys, no whitespace, UTF-8."""
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
