"""Approval: programmes, their pilots and planned phases, and the chain of stages that decides
on them, with revisions, decisions and substitutes."""
