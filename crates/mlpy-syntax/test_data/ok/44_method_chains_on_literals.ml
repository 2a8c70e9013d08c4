a = "abc".upper().lower();
b = [1, 2].copy();
c = {k: 1}.k;
