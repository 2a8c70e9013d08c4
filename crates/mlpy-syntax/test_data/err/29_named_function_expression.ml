x = function f() {};
