for (x in ) {}
for (i = 0; i < 3) {}
for (i < 3; ; ) {}
