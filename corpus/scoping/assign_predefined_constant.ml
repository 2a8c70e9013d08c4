print("nothing runs");
null = 1; // expect error: .ml:2:
