"""The programme documents: the MAT briefing and the evaluation report, rendered as PDF and
frozen as official versions. Reads every room; only the rooms' services call its freezing."""
