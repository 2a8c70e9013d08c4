x = eval("1 + 1"); // expect error: SecurityError
