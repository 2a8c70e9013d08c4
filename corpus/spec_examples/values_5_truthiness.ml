print(bool(0), bool(""), bool("0"), bool([]), bool({}), bool(null), bool([0]), !{k: 1}); // expect: false false true false false false true false
