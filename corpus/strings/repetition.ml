print("ab" * 3, 3 * "xy", "ab" * 0 + "|", "ab" * -1 + "|"); // expect: ababab xyxyxy | |
print("-" * 5, "=" * true); // expect: ----- =
try { x = "ab" * 2.0; } except (e) { print(str(e)); } // expect: can't multiply sequence by non-int of type 'float'
try { x = "ab" * "c"; } except (e) { print(str(e)); } // expect: can't multiply sequence by non-int of type 'str'
