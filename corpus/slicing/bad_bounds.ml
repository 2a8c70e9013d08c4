print([1, 2, 3][true:]); // expect: [2, 3]
x = [1, 2, 3][1.5:]; // expect error: TypeError
