// A cycle (_cycle_x imports _cycle_y imports _cycle_x) is a clear error, not a hang.
print("start"); // expect: start
import _pkg._cycle_x; // expect error: RuntimeError: circular import of module '_pkg._cycle_x'
