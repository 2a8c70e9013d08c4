// header comment


// second header after blank lines
x = 1; // trailing
y = 2;   // trailing with spaces   



// after three blank lines
function f(a, // first param
           b) { // after brace
    // leading in body

    return a +   // after operator
        b;
    // dangling before close
}
list = [
    1, // one
    // own line before two
    2
    // dangling at the end of the list
];
call(  // after paren
  a);
if (x) // header paren comment
{ print(x); }
if (a) {
    b();
} // after if block
else {
    c();
}
empty = {
    // only a comment
};
function g() { // only a trailing comment
}
function h() {
    // only an own-line comment
}
// end of file comment
if (a) {
    b();
}
// own-line before else
else {
    c();
}
while (x)
// own-line before the body
{
    x = x - 1;
}
try { a(); } // after try block
except (e) // after except header
{ b(); }
