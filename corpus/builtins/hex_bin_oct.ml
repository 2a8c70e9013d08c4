print(hex(255), hex(-5), hex(0), bin(5), bin(0), bin(-2), oct(8), oct(-8)); // expect: 0xff -0x5 0x0 0b101 0b0 -0b10 0o10 -0o10
print(hex(18446744073709551616)); // expect: 0x10000000000000000
hex(1.5); // expect error: TypeError
