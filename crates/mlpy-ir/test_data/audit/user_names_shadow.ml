// D4: the program's own names are not findings.
function eval(s) { return s; }
dir = [1, 2];
function open(p) { return p; }
import helpers as exec;
function g(vars) { return vars; }
print(eval(1), dir, open("x"), exec(1), g(2));
