import pytest

from tests.factories import DossierFactory

from .factories import RoundDepartmentFactory, SelectionRoundFactory


@pytest.fixture
def selection_round(db, department, other_department):
    """An open round that asked the staff persona's department and one other."""
    selection_round = SelectionRoundFactory(title="Inventaris test")
    RoundDepartmentFactory(round=selection_round, department=department)
    RoundDepartmentFactory(round=selection_round, department=other_department)
    return selection_round


@pytest.fixture
def own_dossier(department):
    return DossierFactory(department=department, title="Werkkledij")


@pytest.fixture
def other_dossier(other_department):
    return DossierFactory(department=other_department, title="Speeltoestellen")
