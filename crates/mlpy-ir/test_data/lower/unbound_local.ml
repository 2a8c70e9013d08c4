x = 10;
function bad() { y = x; x = 5; return y; }
print(bad());
