// Annotations are parsed and ignored (language.md 5.2).
function area(w: number, h: number) { return w * h; }
greet = fn(name: string) => "hi " + name;
print(area(3, 4), greet("x")); // expect: 12 hi x
