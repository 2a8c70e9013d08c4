print("b=" + true + false, "n=" + null, "l=" + [true, null, "s"], "o=" + {t: true}); // expect: b=TrueFalse n=None l=[True, None, 's'] o={'t': True}
print(true + "!", null + "!", 1.5 + "!", [1] + "!"); // expect: True! None! 1.5! [1]!
