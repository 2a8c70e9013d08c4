try { x = [1, 2][::0]; } except (e) { print(str(e)); } // expect: slice step cannot be zero
x = "ab"[1:2:0]; // expect error: ValueError: slice step cannot be zero
