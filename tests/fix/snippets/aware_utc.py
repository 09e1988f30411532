# fixed: STD903
"""``utcnow()`` made aware (STD903): the same instant."""
import datetime
import time

NOW = datetime.datetime.utcnow()
STAMP = datetime.datetime.utcfromtimestamp(0)

assert NOW.year >= 2024
assert (STAMP.year, STAMP.hour) == (1970, 0)
assert abs(NOW.replace(tzinfo=datetime.timezone.utc).timestamp() - time.time()) < 60
print(STAMP.isoformat()[:19])
