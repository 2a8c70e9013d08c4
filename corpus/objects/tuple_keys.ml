t = enumerate(["a"])[0];
o = {};
o[t] = "pair";
print(o, o[t]); // expect: {(0, 'a'): 'pair'} pair
