o = {};
o[0] = "zero";
o["k"] = true;
for (item in o.items()) {
    [k, v] = item;
    print(k, v, item);
}
// expect: 0 zero (0, 'zero')
// expect: k true ('k', True)
