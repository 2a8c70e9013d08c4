print(len("é€")); // expect: 2
