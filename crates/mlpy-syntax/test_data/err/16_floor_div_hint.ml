z = a // note
w = 1;
