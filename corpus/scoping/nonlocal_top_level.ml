x = 1;
nonlocal x; // expect error: .ml:2:
print(x);
