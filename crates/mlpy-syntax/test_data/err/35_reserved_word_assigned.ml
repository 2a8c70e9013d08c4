if = 1;
while = [1];
print(1);
