name = "Ada";
print("Hi " + name + "!", "n=" + 3, 1 + 2 + "x", "x" + 1 + 2, [1] + [2, 3], "ab" * 2, name + 5); // expect: Hi Ada! n=3 3x x12 [1, 2, 3] abab Ada5
