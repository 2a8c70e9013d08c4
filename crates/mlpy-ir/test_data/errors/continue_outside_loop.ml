// error: 3:10 'continue' outside loop
// error: 4:31 'continue' outside loop
if (1) { continue; }
for (x in []) { g = fn() => { continue; }; continue; }
