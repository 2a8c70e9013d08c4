a = [1]; a.append(a); print(a); // expect: [1, [...]]
