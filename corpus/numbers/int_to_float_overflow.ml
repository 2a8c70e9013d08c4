big = 1;
for (i in range(400)) { big = big * 10; }
print(len(str(big))); // expect: 401
try { x = big + 0.5; } except (e) { print(str(e)); } // expect: int too large to convert to float
try { x = float(big); } except (e) { print(str(e)); } // expect: int too large to convert to float
y = big * 2.0; // expect error: OverflowError: int too large to convert to float
