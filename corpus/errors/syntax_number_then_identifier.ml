x = 10MB; // expect error: SyntaxError
