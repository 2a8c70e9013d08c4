import _pkg._cycle_x;
y = 2;
