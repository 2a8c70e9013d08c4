elif = 1; // expect error: SyntaxError
