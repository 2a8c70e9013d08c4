// error: 6:7 Unknown identifier 'lenght'
// note: did you mean 'length'?
// error: 7:7 Unknown identifier 'totally_unknown_name'
// error: 8:16 Unknown identifier 'prnt'
// note: did you mean 'print'?
print(lenght);
print(totally_unknown_name, lenght);
function f() { prnt(1); }
length = 3;
