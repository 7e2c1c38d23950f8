"""When the demo city's story took place, counted back from today, so that the demo data of
every app tells one consistent story: the inventory round, its decision, the programme's
submission and the advice and decisions of its chain, the MAT meeting that approved it, and
the pilots that ran since. Whatever day the demo is seeded, the order holds:

    round opened < deadline < round decided < programme submitted < financial director
    < strategic cell < MAT meeting < programme start < pilots' publication < award required

(`tests/pilots/test_demo.py` checks it on the seeded data.)"""

MAT_MEETING_DAYS_AGO = 435
PROGRAMME_STARTED_DAYS_AGO = MAT_MEETING_DAYS_AGO - 5
ROUND_OPENED_DAYS_AGO = MAT_MEETING_DAYS_AGO + 150
ROUND_DEADLINE_DAYS_AGO = MAT_MEETING_DAYS_AGO + 115
ROUND_DECIDED_DAYS_AGO = MAT_MEETING_DAYS_AGO + 100
# The chain of the approved programme; the stakeholders' story holds the consultations that
# inform it: the presentation to the financial director 85 days before the MAT meeting, the
# strategic cell's meeting 30 days before it.
PROGRAMME_SUBMITTED_DAYS_AGO = MAT_MEETING_DAYS_AGO + 80
DIRECTOR_DECIDED_DAYS_AGO = MAT_MEETING_DAYS_AGO + 75
CELL_ADVISED_DAYS_AGO = MAT_MEETING_DAYS_AGO + 28

# The pilots' dossiers in the register, dated as the programme plans them: publication when
# the planned publication phase starts (the phase types' default weeks put it 98 days after
# the programme's start, and the award's planned end 167 days after it), the award required
# 180 days after the start, so the plan keeps 13 days in hand. The furniture pilot's delay
# makes its actual award miss that date: the evaluation report shows it.
PILOT_PUBLICATION_DAYS_AGO = PROGRAMME_STARTED_DAYS_AGO - 98
PILOT_AWARD_REQUIRED_DAYS_AGO = PROGRAMME_STARTED_DAYS_AGO - 180

# The programme waiting for the financial director starts in 30 days. Its dossier requires
# the award 12 days before the plan makes it (30 + 167 days from today): the demo shows the
# flag "planned 12 days after the required award date" on its pages and in its briefing.
WAITING_STARTS_IN_DAYS = 30
WAITING_PUBLICATION_IN_DAYS = WAITING_STARTS_IN_DAYS + 98
WAITING_AWARD_REQUIRED_IN_DAYS = WAITING_STARTS_IN_DAYS + 167 - 12
