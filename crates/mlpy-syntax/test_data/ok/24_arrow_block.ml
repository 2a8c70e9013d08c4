counter = 0;
tick = fn() => { nonlocal counter; counter = counter + 1; return counter; };
