// vm-only
// timeout: 0.5
// expect limit: timeout
i = 0;
while (true) { i = i + 1; }
