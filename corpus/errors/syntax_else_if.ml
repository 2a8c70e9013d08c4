x = 1;
if (x) { print(1); } else if (x) { print(2); } // expect error: SyntaxError
