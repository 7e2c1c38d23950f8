"""When the demo city's story took place, counted back from today, so that the demo data of
every app tells one consistent story: the inventory round, its decision, the MAT meeting that
approved the programme, and the pilots that ran since."""

MAT_MEETING_DAYS_AGO = 435
PROGRAMME_STARTED_DAYS_AGO = MAT_MEETING_DAYS_AGO - 5
ROUND_OPENED_DAYS_AGO = MAT_MEETING_DAYS_AGO + 90
ROUND_DEADLINE_DAYS_AGO = MAT_MEETING_DAYS_AGO + 55
ROUND_DECIDED_DAYS_AGO = MAT_MEETING_DAYS_AGO + 41
