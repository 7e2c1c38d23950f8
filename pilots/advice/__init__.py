"""Advice: external advisors invited to one programme, who read it and comment on it until
their invitation ends; every access they make is logged."""
