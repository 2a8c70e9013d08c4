// error: 3:10 nonlocal declaration not allowed at module level
x = 1;
nonlocal x;
