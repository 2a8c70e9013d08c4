x = 1; // one
y = 2;
if (x) { z = 3; }
