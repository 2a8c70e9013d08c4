print("nothing runs");
if (true) { break; } // expect error: .ml:2:
