import math;
import datetime as dt;
import user_modules.sorting;
import a.b.c as m;
