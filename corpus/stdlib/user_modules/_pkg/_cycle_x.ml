import _pkg._cycle_y;
x = 1;
