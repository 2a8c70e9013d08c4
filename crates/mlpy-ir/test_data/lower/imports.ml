import math;
import datetime as dt;
import user_modules.sorting;
import a.b.c as m;
import helpers;
print(math.sqrt(4), dt.now(), user_modules.sorting.sort([1]), m.f(), helpers.x);
