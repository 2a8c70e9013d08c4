try { x = 1; } except { print(1); } except (e) { print(2); } // expect error: .ml:1:
