import io

from django.core.management import call_command

from stakeholders.models import (
    ActionItem,
    Concern,
    Consultation,
    Involvement,
    Organisation,
    SupportAssessment,
)
from stakeholders.selectors import subject_support


def _counts():
    models = (Organisation, Involvement, SupportAssessment, Concern, Consultation, ActionItem)
    return [model.objects.count() for model in models]


def test_the_demo_tells_the_support_story_and_is_idempotent(db, django_user_model):
    call_command("seed_demo", stdout=io.StringIO())
    first = _counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert _counts() == first
    assert Organisation.objects.filter(kind="regional_collaboration").exists()
    assert Organisation.objects.filter(kind="advisor").exists()

    from pilots.models import Programme

    programme = Programme.objects.get(title="Proeftraject circulair aankopen")
    support = subject_support(
        subject=programme, user=django_user_model.objects.get(username="inkoper")
    )
    averages = [point["average"] for point in support.barometer]
    assert averages[-1] > averages[0]  # support rises over the programme
    assert len(support.consultations) == 4  # the three of the approval and the follow-up
    assert support.open_concerns
    assert Concern.objects.filter(status="mitigated").exists()
    staff = subject_support(
        subject=programme, user=django_user_model.objects.get(username="gebouwen")
    )
    # Department staff see the support over time only as averages over enough people, and
    # the concerns without who raised them.
    assert all(point["count"] >= 3 for point in staff.barometer)
    assert staff.barometer[-1] == support.barometer[-1]
    assert len(staff.barometer) < len(support.barometer)
    assert staff.open_concerns
    assert all("involvement" not in c._state.fields_cache for c in staff.open_concerns)
    assert all(row.current is None for row in staff.rows)
