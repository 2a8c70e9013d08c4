x = 1;
x += 1; // expect error: SyntaxError
