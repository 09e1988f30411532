"""Running over many files.

Discovery, the runner, worker processes and the result cache.
"""
