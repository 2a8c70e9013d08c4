print("start"); // expect: start
import _pkg._nope; // expect error: import_missing.ml:2:1: RuntimeError: No module named '_pkg._nope'
