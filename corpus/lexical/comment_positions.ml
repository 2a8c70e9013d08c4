// a comment at the start of the file
x = 1 + // after an operator: comment
    2;
print(x); // expect: 3
y = [1, // after a comma
     2, 3];
print(y); // expect: [1, 2, 3]
o = { // after an opening brace
    k: 5
};
print(o.k); // expect: 5
if (x > 1) // after the header `)` of if: comment
{
    print("if"); // expect: if
}
while (x > 2) // after the header `)` of while
{
    x = x - 1;
}
print(x); // expect: 2
for (i in [7]) // after the header `)` of for
{
    print(i); // expect: 7
}
function g(v) // after the header `)` of a function declaration
{
    return v * 2;
}
print(g(4)); // expect: 8
h = function(v) // after the header `)` of an anonymous function
{
    return v + 1;
};
print(h(4)); // expect: 5
