// error: 3:1 'return' outside function
// error: 4:13 'return' outside function
return 1;
if (true) { return; }
function ok() { return 2; }
