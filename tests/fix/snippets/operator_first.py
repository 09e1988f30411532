# fixed: STD105
"""Line breaks before binary and boolean operators (STD105)."""

TOTAL = (1 +  # the first
         2 *
         3)
READY = (TOTAL > 5 and
         TOTAL < 10)
assert TOTAL == 7
assert READY
print(TOTAL, READY)
