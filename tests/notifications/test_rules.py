from notifications import rules
from notifications.models import Delivery, Kind


def test_a_decision_asked_of_you_always_goes_at_once_whatever_was_chosen():
    for chosen in (None, Delivery.DIGEST, Delivery.OFF):
        assert rules.delivery_for(Kind.DECISION, chosen) == Delivery.IMMEDIATELY


def test_the_other_kinds_follow_the_choice_and_default_to_at_once():
    assert rules.delivery_for(Kind.OUTCOME, None) == Delivery.IMMEDIATELY
    assert rules.delivery_for(Kind.OUTCOME, Delivery.DIGEST) == Delivery.DIGEST
    assert rules.delivery_for(Kind.ACTION_ITEM, Delivery.OFF) == Delivery.OFF


def test_only_the_decision_kind_is_refused_anything_but_at_once():
    assert rules.delivery_refusal(Kind.DECISION, Delivery.OFF)
    assert rules.delivery_refusal(Kind.DECISION, Delivery.DIGEST)
    assert not rules.delivery_refusal(Kind.DECISION, Delivery.IMMEDIATELY)
    assert not rules.delivery_refusal(Kind.ADVICE, Delivery.OFF)
    assert Kind.DECISION not in rules.choosable_kinds()
    assert set(rules.choosable_kinds()) == set(Kind) - {Kind.DECISION}
