print(chr(65), chr(8364), chr(233), ord("A"), ord("€"), ord("\n")); // expect: A € é 65 8364 10
try { chr(-1); } except (e) { print(str(e)); } // expect: chr() arg not in range(0x110000)
try { chr(1114112); } except (e) { print(str(e)); } // expect: chr() arg not in range(0x110000)
try { ord("ab"); } except (e) { print(e.type); } // expect: TypeError
ord(""); // expect error: TypeError
