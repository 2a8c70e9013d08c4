"""Wheel thread soak (issue 10): one compiled program run from 8 Python threads, many runs
each with different globals (a Python callable among them) and limits — some succeed, some
raise, some hit a limit. Every
result must be exactly its own (no cross-talk between threads) and RSS must stay flat after
warm-up. CI size by default (a few seconds); ``MLPY_SOAK_RUNS=<runs per thread>`` for a long
run, which prints its figures (``pytest -s``)."""

from __future__ import annotations

import gc
import os
import random
import threading
import time

import mlpy
from mlpy.ml.errors.exceptions import (
    MLFuelExhaustedError,
    MLMemoryLimitError,
    MLUserException,
)

THREADS = 8
RUNS = int(os.environ.get("MLPY_SOAK_RUNS", "150"))
#: RSS growth allowed between the end of warm-up and the end of the soak.
RSS_BOUND = 40 << 20

SOURCE = """
function work(k) {
    s = 0;
    for (i in range(k)) { s = s + i; }
    return s;
}
echo = hook(tag);
if (mode == "throw") { throw {message: "bad " + tag, tag: tag}; }
if (mode == "spin") { while (true) { n = n + 1; } }
if (mode == "grow") { xs = []; while (true) { xs.append(tag + tag); } }
total = work(n);
out = {tag: tag, total: total, items: [tag, n, payload]};
print(tag);
"""


def _rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _check(program: mlpy.Program, rng: random.Random, worker: int, i: int) -> str:
    tag = f"w{worker}-r{i}"
    n = rng.randrange(0, 2000)
    mode = rng.choice(["ok", "ok", "ok", "throw", "spin", "grow"])
    payload = {"worker": worker, "i": i, "blob": [rng.random() for _ in range(rng.randrange(50))]}
    limits = mlpy.Limits(
        fuel=200_000 if mode == "spin" else None,
        memory=(4 << 20) if mode == "grow" else (64 << 20),
        timeout=30.0,
    )
    hook = lambda x: f"{x}!{worker}"  # a Python callable called from ML (GIL re-acquired)
    r = program.run(
        globals={"n": n, "mode": mode, "tag": tag, "payload": payload, "hook": hook}, limits=limits
    )
    if mode == "ok":
        assert r.success, (tag, r.error)
        out = r.variables["out"]
        assert out["tag"] == tag and out["total"] == n * (n - 1) // 2, (tag, out)
        assert out["items"] == [tag, n, payload] and r.output == tag + "\n"
        assert r.variables["echo"] == f"{tag}!{worker}"
    elif mode == "throw":
        assert isinstance(r.error, MLUserException), (tag, r.error)
        assert r.error.data == {"message": "bad " + tag, "tag": tag}
    elif mode == "spin":
        assert isinstance(r.error, MLFuelExhaustedError), (tag, r.error)
    else:
        assert isinstance(r.error, MLMemoryLimitError), (tag, r.error)
    assert r.output in ("", tag + "\n")
    return mode


def test_one_program_many_threads_no_cross_talk_and_flat_rss():
    program = mlpy.compile(SOURCE, globals=["n", "mode", "tag", "payload", "hook"])
    warmup = max(10, RUNS // 5)
    barrier = threading.Barrier(THREADS + 1)
    counts: dict[str, int] = {}
    errors: list[BaseException] = []
    lock = threading.Lock()

    def worker(w: int, start: int, stop: int) -> None:
        rng = random.Random(w * 1_000_003 + start)
        try:
            for i in range(start, stop):
                mode = _check(program, rng, w, i)
                with lock:
                    counts[mode] = counts.get(mode, 0) + 1
        except BaseException as e:  # reported by the main thread
            errors.append(e)
        finally:
            barrier.wait()

    def phase(start: int, stop: int) -> float:
        t0 = time.perf_counter()
        threads = [threading.Thread(target=worker, args=(w, start, stop)) for w in range(THREADS)]
        for t in threads:
            t.start()
        barrier.wait()
        for t in threads:
            t.join()
        assert not errors, errors[0]
        return time.perf_counter() - t0

    phase(0, warmup)
    gc.collect()
    rss_warm = _rss()
    elapsed = phase(warmup, RUNS)
    gc.collect()
    growth = _rss() - rss_warm
    total = THREADS * (RUNS - warmup)
    print(
        f"\nsoak: {THREADS} threads x {RUNS} runs ({total} after warm-up) in {elapsed:.1f} s,"
        f" {1e6 * elapsed / total:.0f} us/run; RSS after warm-up {rss_warm >> 20} MiB,"
        f" growth {growth / (1 << 20):+.1f} MiB; modes {sorted(counts.items())}"
    )
    assert set(counts) == {"ok", "throw", "spin", "grow"}
    assert growth < RSS_BOUND, f"RSS grew by {growth >> 20} MiB after warm-up"
