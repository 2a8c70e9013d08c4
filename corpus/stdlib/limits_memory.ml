// Exact big-int results are budgeted before they are computed.
// vm-only
// memory: 16
import math;
print(len(str(math.factorial(1000)))); // expect: 2568
x = math.factorial(10000000); // expect limit: memory
