a = [5, 1, 4];
print(a.append(3), a); // expect: None [5, 1, 4, 3]
a.extend([8, 9]);
print(a); // expect: [5, 1, 4, 3, 8, 9]
a.insert(0, 0);
a.insert(-1, 7);
a.insert(100, 10);
print(a); // expect: [0, 5, 1, 4, 3, 8, 7, 9, 10]
print(a.pop(), a.pop(0), a); // expect: 10 0 [5, 1, 4, 3, 8, 7, 9]
a.remove(4);
print(a); // expect: [5, 1, 3, 8, 7, 9]
r = a.sort();
print(r, a); // expect: None [1, 3, 5, 7, 8, 9]
a.reverse();
print(a); // expect: [9, 8, 7, 5, 3, 1]
a.clear();
print(a, len(a)); // expect: [] 0
