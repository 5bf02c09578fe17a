"""Upper bounds of the domain, for every number a person can type.

No count, score, year or list is unbounded: a calculator's work grows with its inputs,
so a bound on every input makes a runaway computation (``1e10000000`` people) impossible
by construction rather than stopped by a timeout. These are facts of the world, not
policy: a bound says what no real case exceeds, and the field's hint shows it.
"""

from __future__ import annotations

HEADCOUNT = 100_000        # people in one unit, committee, expert pool or statistics row
VOTES = HEADCOUNT          # votes cast cannot exceed the people present
COUNT = 10_000_000         # things counted in a year (training places, hazards, certificates)
CAREER_YEARS = 60          # years of a working life: annual assessments, consecutive years
HOURS_IN_A_YEAR = 366 * 24  # hours of study in one year
YEAR_MIN, YEAR_MAX = 1900, 2100
DATE_MIN, DATE_MAX = "1900-01-01", "2100-12-31"
ROWS = 500                 # rows of one table (candidates, groups, statistics)
TEXT_CHARS = 40            # characters of one typed number ("1,234,567.89" with spaces, units)
DECIMAL_PLACES = 4         # digits after the point in a typed score or ratio
