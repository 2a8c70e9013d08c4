x = 0x10; // expect error: SyntaxError
