a = b = 1; // expect error: SyntaxError
