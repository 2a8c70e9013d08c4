print(7 // 2, 2 ** 3);
print(1);
