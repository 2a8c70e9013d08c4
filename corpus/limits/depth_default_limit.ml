// expect limit: depth
function forever(n) { return 1 + forever(n + 1); }
forever(0);
