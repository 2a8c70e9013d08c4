x = 1_000; // expect error: SyntaxError
