{x, y} = {x: "X", y: "Y", z: "Z"};
print(x, y); // expect: X Y
{name} = {name: null};
print(name); // expect: None
