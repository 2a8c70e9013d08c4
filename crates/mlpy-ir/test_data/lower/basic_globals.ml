x = 1;
y = x + 2;
print(x, y, z_later);
z_later = y * 3;
