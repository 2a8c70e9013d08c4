// error: 7:1 Cannot assign to constant 'null'
// error: 8:12 Cannot assign to constant 'None'
// error: 9:6 Cannot assign to constant 'True'
// error: 10:2 Cannot assign to constant 'undefined'
// error: 11:8 Cannot assign to constant 'False'
// error: 12:1 '__python_callback' can only be called, not assigned
null = 1;
function f(None) { return 1; }
for (True in [1]) { print(1); }
[undefined, a] = [1, 2];
{a, b, False} = {};
__python_callback = 5;
