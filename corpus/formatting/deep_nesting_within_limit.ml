a = [];
for (i in range(300)) { a = [a]; }
s = str(a);
print(len(s), s[:5], s[-5:]); // expect: 602 [[[[[ ]]]]]
b = [];
for (i in range(300)) { b = [b]; }
print(a == b); // expect: true
