"""Ctrl-C (SIGINT) during a run: the VM stops and Python raises KeyboardInterrupt, as it would
for Python code (spec D17: generous bounds, the figures go to the notes)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

CHILD = textwrap.dedent(
    """
    import os, signal, sys, threading, time
    import mlpy
    flag = mlpy.Interrupt() if sys.argv[1] == "flag" else None
    threading.Timer(0.2, lambda: os.kill(os.getpid(), signal.SIGINT)).start()
    t0 = time.monotonic()
    try:
        mlpy.run("n = 0; while (true) { n = n + 1; }", interrupt=flag)
        print("finished")
    except KeyboardInterrupt:
        print("KeyboardInterrupt %.3f" % (time.monotonic() - t0))
    if flag is not None:
        print("flag set" if flag.is_set() else "flag clear")
    r = mlpy.run("x = 1;", interrupt=flag)
    print("next run ok" if r.success else "next run failed")
    """
)


@pytest.mark.parametrize("mode", ["plain", "flag"])
def test_ctrl_c_stops_a_long_run_with_keyboard_interrupt(mode):
    out = subprocess.run(
        [sys.executable, "-c", CHILD, mode], capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.split("\n")
    assert lines[0].startswith("KeyboardInterrupt "), out.stdout
    assert float(lines[0].split()[1]) < 2.0, "stopped within ~1 s of the signal (D17 margin)"
    assert "next run ok" in out.stdout, "the interrupt does not stick to later runs"
    if mode == "flag":
        assert "flag clear" in out.stdout


def test_ctrl_c_leaves_runs_on_other_threads_alone():
    child = textwrap.dedent(
        """
        import os, signal, threading, time
        import mlpy
        results = []
        t = threading.Thread(target=lambda: results.append(
            mlpy.run("n = 0; for (i in range(3000000)) { n = n + 1; }")))
        t.start()
        time.sleep(0.1)
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(5)
        except KeyboardInterrupt:
            print("main interrupted")
        t.join()
        print("worker", results[0].success)
        """
    )
    out = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "main interrupted" in out.stdout and "worker True" in out.stdout, out.stdout


def test_ctrl_c_still_works_after_the_host_replaces_the_sigint_handler():
    """The host swaps SIGINT handlers between runs (Python then installs its C handler again,
    dropping the chain): every later run still stops, and the handler the host installed
    last is the one that runs."""
    child = textwrap.dedent(
        """
        import os, signal, threading, time
        import mlpy
        LOOP = "n = 0; while (true) { n = n + 1; }"

        def interrupt_soon():
            threading.Timer(0.2, lambda: os.kill(os.getpid(), signal.SIGINT)).start()

        class Stop(Exception):
            pass

        def host_handler(signum, frame):
            raise Stop()

        assert mlpy.run("x = 1;").success
        for round, handler in enumerate([host_handler, signal.default_int_handler, host_handler]):
            signal.signal(signal.SIGINT, handler)
            interrupt_soon()
            t0 = time.monotonic()
            try:
                mlpy.run(LOOP)
                print("finished")
            except (Stop, KeyboardInterrupt) as e:
                print(round, type(e).__name__, "%.3f" % (time.monotonic() - t0))
        """
    )
    out = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.split("\n")
    assert [l.split()[:2] for l in lines[:3]] == [
        ["0", "Stop"], ["1", "KeyboardInterrupt"], ["2", "Stop"]
    ], out.stdout
    assert all(float(l.split()[2]) < 2.0 for l in lines[:3]), out.stdout
