"""`python -m generator`: the CLI; the process ends as soon as it is done.

What a run holds at its end (the caches it read, the rendered files: ~175 MB of objects on the
1,001-file proto tree) goes with the process (`lifetime`). Left to the interpreter, it is first
taken apart object by object (50-90 ms of a 0.8 s regeneration, and as much again for what the
pipeline held), so the process exits directly once the standard streams are flushed; every
file and child process was closed and waited for before `main` returned. (`main` itself
returns normally: tests and hosts call it in-process. Under a profiler or tracer, the process
exits as usual, for it to write what it found.) The cycle collector is off for the whole process,
watched or not (`lifetime.collect_no_cycles`): a run drops little in reference cycles (measured
there).
"""

import os
import sys

from generator import lifetime
from generator.cli import main

# a profiler or tracer watching the run (cProfile, coverage) writes its findings at the usual exit
watched = sys.getprofile() is not None or sys.gettrace() is not None
if not watched:
    lifetime.hold_until_exit()  # (what the run held at its end goes with the process)
lifetime.collect_no_cycles()  # (what it drops in reference cycles goes with it too)
code = main()
if watched:
    sys.exit(code)
for stream in (sys.stdout, sys.stderr):
    if stream is None:  # (the process was started with that stream closed)
        continue
    try:
        stream.flush()
    except (OSError, ValueError):  # cannot take the rest: the code the interpreter's exit gives
        code = code or 120
os._exit(code)
