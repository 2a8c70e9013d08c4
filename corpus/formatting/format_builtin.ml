print(format(1234.5678, ",.2f"), format(255, "x"), format(255, "#x"), format(3.14159, ".3f")); // expect: 1,234.57 ff 0xff 3.142
print(format(42, "05d"), "[" + format("ab", ">5") + "]", format("ab", "*^6"), format(0.25, "%")); // expect: 00042 [   ab] **ab** 25.000000%
print(format(1e6, "e"), format(1234567, ","), format(12, "b"), format(3.0, "g"), format(-5, "+d"), format(5, "+d")); // expect: 1.000000e+06 1,234,567 1100 3 -5 +5
print(format(true), format(7), format(2.5, ""), format("s")); // expect: True 7 2.5 s
try { format(1, "zz"); } except (e) { print(e.type); } // expect: ValueError
