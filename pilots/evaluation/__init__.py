"""Evaluation: the points a pilot is measured on, their measurements and scores, and the
pilot's and the programme's evaluation."""
