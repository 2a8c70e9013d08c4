"""Python-side overhead figures of the wheel (not a test; run with the wheel installed):

    python crates/mlpy-python/benches/bench_python.py

1. one ``mlpy.run`` of a trivial script (compile cache hit) vs ``Program.run`` vs the guide's
   ``execute_ml_code_sandbox``;
2. a 100,000-element list of small dicts converted in and out (``result = data;``), via
   ``mlpy.run`` and via ``execute_ml_code_sandbox(context=...)``, with the pure-Python
   ``copy.deepcopy`` of the same list as a yardstick.
"""

from __future__ import annotations

import copy
import os
import time

import mlpy
from mlpy.ml.transpiler import execute_ml_code_sandbox


# CPU time of the calling thread (the VM runs on it): robust on a loaded machine; set
# MLPY_BENCH_WALL=1 for wall-clock time instead.
clock = time.perf_counter if os.environ.get("MLPY_BENCH_WALL") else time.thread_time


def best_per_call(fn, repeat: int = 7, number: int = 2000) -> float:
    times = []
    for _ in range(repeat):
        start = clock()
        for _ in range(number):
            fn()
        times.append((clock() - start) / number)
    return min(times)


def best(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = clock()
        fn()
        times.append(clock() - start)
    return min(times)


def main() -> None:
    trivial = "x = 1;"
    prog = mlpy.compile(trivial)
    assert mlpy.run(trivial).success
    print(f"mlpy.run trivial script:          {best_per_call(lambda: mlpy.run(trivial)) * 1e6:8.1f} us")
    print(f"Program.run trivial script:       {best_per_call(lambda: prog.run()) * 1e6:8.1f} us")
    print(
        "execute_ml_code_sandbox trivial:  "
        f"{best_per_call(lambda: execute_ml_code_sandbox(trivial)) * 1e6:8.1f} us"
    )

    data = [{"id": i, "name": f"user{i}", "score": i * 0.5, "active": i % 2 == 0} for i in range(100_000)]
    r = mlpy.run("result = data;", globals={"data": data}, limits={"memory": 1 << 30})
    assert r.success and r.value == data, r.error
    t_run = best(lambda: mlpy.run("result = data;", globals={"data": data}, limits={"memory": 1 << 30}))
    t_in = best(lambda: mlpy.run("n = len(data);", globals={"data": data}, limits={"memory": 1 << 30}, variables=False))
    t_sandbox = best(
        lambda: execute_ml_code_sandbox(
            "result = data;",
            context={"data": data},
            sandbox_config=mlpy.SandboxConfig(max_memory_mb=1024),
        )
    )
    t_copy = best(lambda: copy.deepcopy(data))
    print(f"100k dicts in + out, mlpy.run:            {t_run * 1e3:8.1f} ms")
    print(f"100k dicts in only (variables=False):     {t_in * 1e3:8.1f} ms")
    print(f"100k dicts in + out, execute_ml_code_sandbox: {t_sandbox * 1e3:8.1f} ms")
    print(f"copy.deepcopy of the same list (yardstick):   {t_copy * 1e3:8.1f} ms")


if __name__ == "__main__":
    main()
