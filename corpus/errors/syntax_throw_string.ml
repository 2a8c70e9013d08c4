throw "text"; // expect error: SyntaxError
