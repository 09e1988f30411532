# fixed: STD203
"""A local variable renamed to snake case (STD203, unsafe)."""


def total(values: list[int]) -> int:
    """Return the sum of the values."""
    runningSum = 0
    for value in values:
        runningSum += value
    return runningSum


assert total([1, 2, 3]) == 6
print(total([4]))
