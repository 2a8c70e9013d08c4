print(); // expect:
print("a", "b", 1); // expect: a b 1
print(""); // expect:
print("end"); // expect: end
r = print("x"); // expect: x
print(r); // expect: None
