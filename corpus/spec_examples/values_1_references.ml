p = {name: "Ada", tags: ["x"]};
q = p;
q.name = "Bob";
q.tags.append("y");
print(p.name, p.tags, p.missing); // expect: Bob ['x', 'y'] None
