hooks = [];
for (i in [1, 2, 3]) { hooks = hooks + [fn() => i * 10]; }
h = hooks[0];
print(h(), i); // expect: 30 3
