print("blocked before running");
__secret = 1; // expect error: SecurityError
