"""Hypothesis profiles for the form fuzzing, and A's own world built once per module.

`ci` (the default) is reproducible: derandomized, no deadline (a shared CI runner is slow now
and then), and no example database; its caches go to the temporary directory, so nothing is
written into the repository. Others: `HYPOTHESIS_PROFILE=dev` (fewer cases) or `=thorough`
(random, and many more).
"""

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.configuration import set_hypothesis_home_dir

from tests.isolation.conftest import own_world

# Hypothesis keeps caches (constants, unicode data) even without an example database: outside
# the repository.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "draagvlak-hypothesis")

COMMON = {
    "deadline": None,
    "database": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
# Examples per form page: 57 pages give 1,140 cases per database.
settings.register_profile("ci", max_examples=20, derandomize=True, print_blob=False, **COMMON)
settings.register_profile("dev", max_examples=5, derandomize=True, **COMMON)
settings.register_profile("thorough", max_examples=200, derandomize=False, **COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with own_world(django_db_blocker) as built:
        yield built
