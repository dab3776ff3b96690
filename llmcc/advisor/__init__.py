"""Pass advisors: who proposes the pass lists a TU is tried with."""
