"""Policy: the recommendations for the strategic procurement policy drawn from the
evaluations, and the draft policy they make up."""
