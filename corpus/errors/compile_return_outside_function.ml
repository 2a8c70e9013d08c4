print("nothing runs");
return 1; // expect error: .ml:2:
