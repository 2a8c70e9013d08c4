if (true) print(1); // expect error: SyntaxError
