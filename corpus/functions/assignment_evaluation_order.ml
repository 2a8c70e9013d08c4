// language.md 6.2: the value first, then the target's sub-expressions left to right.
function t(label, v) { print(label); return v; }
a = [0, 0];
t("container", a)[t("index", 1)] = t("value", 9);
// expect: value
// expect: container
// expect: index
print(a); // expect: [0, 9]
o = {};
t("object", o).k = t("member value", 1);
// expect: member value
// expect: object
print(o); // expect: {'k': 1}
