s = "a" "b"; // expect error: SyntaxError
