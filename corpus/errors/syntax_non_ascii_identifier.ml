é = 1; // expect error: SyntaxError
