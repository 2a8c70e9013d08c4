print("nothing runs");
undefined = 0; // expect error: .ml:2:
