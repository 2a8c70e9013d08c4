x = 1;
y = +x; // expect error: SyntaxError
