print(-5, -(-5), -2.5, -true, -false); // expect: -5 5 -2.5 -1 0
x = 3;
o = {length: 4};
print(-x * 2, -o.length); // expect: -6 -4
try { y = -o.missing; } except (e) { print(str(e)); } // expect: bad operand type for unary -: 'NoneType'
try { y = -"s"; } except (e) { print(str(e)); } // expect: bad operand type for unary -: 'str'
try { y = -[1]; } except (e) { print(str(e)); } // expect: bad operand type for unary -: 'list'
