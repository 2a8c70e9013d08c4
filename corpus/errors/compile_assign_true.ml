print("nothing runs");
True = 0; // expect error: .ml:2:
