print("nothing runs because the program does not parse");
x = 1
print(x); // expect error: SyntaxError
