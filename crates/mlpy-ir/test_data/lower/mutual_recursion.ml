function first() { return second() + 1; }
function second() { return 41; }
function is_even(n) { return n == 0 ? true : is_odd(n - 1); }
function is_odd(n) { return n == 0 ? false : is_even(n - 1); }
print(first(), is_even(10));
