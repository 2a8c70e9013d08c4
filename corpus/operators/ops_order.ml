// Generated from language.md 7.2: every operand-kind pair for `<` `<=` `>` `>=`.
// Ok results and TypeError messages; pairs the spec leaves open are omitted.
function show(f) { try { print(f()); } except (e) { print(e.type + ": " + str(e)); } }
i = 7;
f = 2.5;
b = true;
s = "ab";
a = [1, 2];
o = {k: 1};
n = null;
t = zip([1], [2])[0];
show(fn() => i < i); // expect: false
show(fn() => i < f); // expect: false
show(fn() => i < b); // expect: false
show(fn() => i < s); // expect: TypeError: '<' not supported between instances of 'int' and 'str'
show(fn() => i < a); // expect: TypeError: '<' not supported between instances of 'int' and 'list'
show(fn() => i < o); // expect: TypeError: '<' not supported between instances of 'int' and 'dict'
show(fn() => i < n); // expect: TypeError: '<' not supported between instances of 'int' and 'NoneType'
show(fn() => i < t); // expect: TypeError: '<' not supported between instances of 'int' and 'tuple'
show(fn() => f < i); // expect: true
show(fn() => f < f); // expect: false
show(fn() => f < b); // expect: false
show(fn() => f < s); // expect: TypeError: '<' not supported between instances of 'float' and 'str'
show(fn() => f < a); // expect: TypeError: '<' not supported between instances of 'float' and 'list'
show(fn() => f < o); // expect: TypeError: '<' not supported between instances of 'float' and 'dict'
show(fn() => f < n); // expect: TypeError: '<' not supported between instances of 'float' and 'NoneType'
show(fn() => f < t); // expect: TypeError: '<' not supported between instances of 'float' and 'tuple'
show(fn() => b < i); // expect: true
show(fn() => b < f); // expect: true
show(fn() => b < b); // expect: false
show(fn() => b < s); // expect: TypeError: '<' not supported between instances of 'bool' and 'str'
show(fn() => b < a); // expect: TypeError: '<' not supported between instances of 'bool' and 'list'
show(fn() => b < o); // expect: TypeError: '<' not supported between instances of 'bool' and 'dict'
show(fn() => b < n); // expect: TypeError: '<' not supported between instances of 'bool' and 'NoneType'
show(fn() => b < t); // expect: TypeError: '<' not supported between instances of 'bool' and 'tuple'
show(fn() => s < i); // expect: TypeError: '<' not supported between instances of 'str' and 'int'
show(fn() => s < f); // expect: TypeError: '<' not supported between instances of 'str' and 'float'
show(fn() => s < b); // expect: TypeError: '<' not supported between instances of 'str' and 'bool'
show(fn() => s < s); // expect: false
show(fn() => s < a); // expect: TypeError: '<' not supported between instances of 'str' and 'list'
show(fn() => s < o); // expect: TypeError: '<' not supported between instances of 'str' and 'dict'
show(fn() => s < n); // expect: TypeError: '<' not supported between instances of 'str' and 'NoneType'
show(fn() => s < t); // expect: TypeError: '<' not supported between instances of 'str' and 'tuple'
show(fn() => a < i); // expect: TypeError: '<' not supported between instances of 'list' and 'int'
show(fn() => a < f); // expect: TypeError: '<' not supported between instances of 'list' and 'float'
show(fn() => a < b); // expect: TypeError: '<' not supported between instances of 'list' and 'bool'
show(fn() => a < s); // expect: TypeError: '<' not supported between instances of 'list' and 'str'
show(fn() => a < a); // expect: false
show(fn() => a < o); // expect: TypeError: '<' not supported between instances of 'list' and 'dict'
show(fn() => a < n); // expect: TypeError: '<' not supported between instances of 'list' and 'NoneType'
show(fn() => a < t); // expect: TypeError: '<' not supported between instances of 'list' and 'tuple'
show(fn() => o < i); // expect: TypeError: '<' not supported between instances of 'dict' and 'int'
show(fn() => o < f); // expect: TypeError: '<' not supported between instances of 'dict' and 'float'
show(fn() => o < b); // expect: TypeError: '<' not supported between instances of 'dict' and 'bool'
show(fn() => o < s); // expect: TypeError: '<' not supported between instances of 'dict' and 'str'
show(fn() => o < a); // expect: TypeError: '<' not supported between instances of 'dict' and 'list'
show(fn() => o < o); // expect: TypeError: '<' not supported between instances of 'dict' and 'dict'
show(fn() => o < n); // expect: TypeError: '<' not supported between instances of 'dict' and 'NoneType'
show(fn() => o < t); // expect: TypeError: '<' not supported between instances of 'dict' and 'tuple'
show(fn() => n < i); // expect: TypeError: '<' not supported between instances of 'NoneType' and 'int'
show(fn() => n < f); // expect: TypeError: '<' not supported between instances of 'NoneType' and 'float'
show(fn() => n < b); // expect: TypeError: '<' not supported between instances of 'NoneType' and 'bool'
show(fn() => n < s); // expect: TypeError: '<' not supported between instances of 'NoneType' and 'str'
show(fn() => n < a); // expect: TypeError: '<' not supported between instances of 'NoneType' and 'list'
show(fn() => n < o); // expect: TypeError: '<' not supported between instances of 'NoneType' and 'dict'
show(fn() => n < n); // expect: TypeError: '<' not supported between instances of 'NoneType' and 'NoneType'
show(fn() => n < t); // expect: TypeError: '<' not supported between instances of 'NoneType' and 'tuple'
show(fn() => t < i); // expect: TypeError: '<' not supported between instances of 'tuple' and 'int'
show(fn() => t < f); // expect: TypeError: '<' not supported between instances of 'tuple' and 'float'
show(fn() => t < b); // expect: TypeError: '<' not supported between instances of 'tuple' and 'bool'
show(fn() => t < s); // expect: TypeError: '<' not supported between instances of 'tuple' and 'str'
show(fn() => t < a); // expect: TypeError: '<' not supported between instances of 'tuple' and 'list'
show(fn() => t < o); // expect: TypeError: '<' not supported between instances of 'tuple' and 'dict'
show(fn() => t < n); // expect: TypeError: '<' not supported between instances of 'tuple' and 'NoneType'
show(fn() => t < t); // expect: false
show(fn() => i <= i); // expect: true
show(fn() => i <= f); // expect: false
show(fn() => i <= b); // expect: false
show(fn() => i <= s); // expect: TypeError: '<=' not supported between instances of 'int' and 'str'
show(fn() => i <= a); // expect: TypeError: '<=' not supported between instances of 'int' and 'list'
show(fn() => i <= o); // expect: TypeError: '<=' not supported between instances of 'int' and 'dict'
show(fn() => i <= n); // expect: TypeError: '<=' not supported between instances of 'int' and 'NoneType'
show(fn() => i <= t); // expect: TypeError: '<=' not supported between instances of 'int' and 'tuple'
show(fn() => f <= i); // expect: true
show(fn() => f <= f); // expect: true
show(fn() => f <= b); // expect: false
show(fn() => f <= s); // expect: TypeError: '<=' not supported between instances of 'float' and 'str'
show(fn() => f <= a); // expect: TypeError: '<=' not supported between instances of 'float' and 'list'
show(fn() => f <= o); // expect: TypeError: '<=' not supported between instances of 'float' and 'dict'
show(fn() => f <= n); // expect: TypeError: '<=' not supported between instances of 'float' and 'NoneType'
show(fn() => f <= t); // expect: TypeError: '<=' not supported between instances of 'float' and 'tuple'
show(fn() => b <= i); // expect: true
show(fn() => b <= f); // expect: true
show(fn() => b <= b); // expect: true
show(fn() => b <= s); // expect: TypeError: '<=' not supported between instances of 'bool' and 'str'
show(fn() => b <= a); // expect: TypeError: '<=' not supported between instances of 'bool' and 'list'
show(fn() => b <= o); // expect: TypeError: '<=' not supported between instances of 'bool' and 'dict'
show(fn() => b <= n); // expect: TypeError: '<=' not supported between instances of 'bool' and 'NoneType'
show(fn() => b <= t); // expect: TypeError: '<=' not supported between instances of 'bool' and 'tuple'
show(fn() => s <= i); // expect: TypeError: '<=' not supported between instances of 'str' and 'int'
show(fn() => s <= f); // expect: TypeError: '<=' not supported between instances of 'str' and 'float'
show(fn() => s <= b); // expect: TypeError: '<=' not supported between instances of 'str' and 'bool'
show(fn() => s <= s); // expect: true
show(fn() => s <= a); // expect: TypeError: '<=' not supported between instances of 'str' and 'list'
show(fn() => s <= o); // expect: TypeError: '<=' not supported between instances of 'str' and 'dict'
show(fn() => s <= n); // expect: TypeError: '<=' not supported between instances of 'str' and 'NoneType'
show(fn() => s <= t); // expect: TypeError: '<=' not supported between instances of 'str' and 'tuple'
show(fn() => a <= i); // expect: TypeError: '<=' not supported between instances of 'list' and 'int'
show(fn() => a <= f); // expect: TypeError: '<=' not supported between instances of 'list' and 'float'
show(fn() => a <= b); // expect: TypeError: '<=' not supported between instances of 'list' and 'bool'
show(fn() => a <= s); // expect: TypeError: '<=' not supported between instances of 'list' and 'str'
show(fn() => a <= a); // expect: true
show(fn() => a <= o); // expect: TypeError: '<=' not supported between instances of 'list' and 'dict'
show(fn() => a <= n); // expect: TypeError: '<=' not supported between instances of 'list' and 'NoneType'
show(fn() => a <= t); // expect: TypeError: '<=' not supported between instances of 'list' and 'tuple'
show(fn() => o <= i); // expect: TypeError: '<=' not supported between instances of 'dict' and 'int'
show(fn() => o <= f); // expect: TypeError: '<=' not supported between instances of 'dict' and 'float'
show(fn() => o <= b); // expect: TypeError: '<=' not supported between instances of 'dict' and 'bool'
show(fn() => o <= s); // expect: TypeError: '<=' not supported between instances of 'dict' and 'str'
show(fn() => o <= a); // expect: TypeError: '<=' not supported between instances of 'dict' and 'list'
show(fn() => o <= o); // expect: TypeError: '<=' not supported between instances of 'dict' and 'dict'
show(fn() => o <= n); // expect: TypeError: '<=' not supported between instances of 'dict' and 'NoneType'
show(fn() => o <= t); // expect: TypeError: '<=' not supported between instances of 'dict' and 'tuple'
show(fn() => n <= i); // expect: TypeError: '<=' not supported between instances of 'NoneType' and 'int'
show(fn() => n <= f); // expect: TypeError: '<=' not supported between instances of 'NoneType' and 'float'
show(fn() => n <= b); // expect: TypeError: '<=' not supported between instances of 'NoneType' and 'bool'
show(fn() => n <= s); // expect: TypeError: '<=' not supported between instances of 'NoneType' and 'str'
show(fn() => n <= a); // expect: TypeError: '<=' not supported between instances of 'NoneType' and 'list'
show(fn() => n <= o); // expect: TypeError: '<=' not supported between instances of 'NoneType' and 'dict'
show(fn() => n <= n); // expect: TypeError: '<=' not supported between instances of 'NoneType' and 'NoneType'
show(fn() => n <= t); // expect: TypeError: '<=' not supported between instances of 'NoneType' and 'tuple'
show(fn() => t <= i); // expect: TypeError: '<=' not supported between instances of 'tuple' and 'int'
show(fn() => t <= f); // expect: TypeError: '<=' not supported between instances of 'tuple' and 'float'
show(fn() => t <= b); // expect: TypeError: '<=' not supported between instances of 'tuple' and 'bool'
show(fn() => t <= s); // expect: TypeError: '<=' not supported between instances of 'tuple' and 'str'
show(fn() => t <= a); // expect: TypeError: '<=' not supported between instances of 'tuple' and 'list'
show(fn() => t <= o); // expect: TypeError: '<=' not supported between instances of 'tuple' and 'dict'
show(fn() => t <= n); // expect: TypeError: '<=' not supported between instances of 'tuple' and 'NoneType'
show(fn() => t <= t); // expect: true
show(fn() => i > i); // expect: false
show(fn() => i > f); // expect: true
show(fn() => i > b); // expect: true
show(fn() => i > s); // expect: TypeError: '>' not supported between instances of 'int' and 'str'
show(fn() => i > a); // expect: TypeError: '>' not supported between instances of 'int' and 'list'
show(fn() => i > o); // expect: TypeError: '>' not supported between instances of 'int' and 'dict'
show(fn() => i > n); // expect: TypeError: '>' not supported between instances of 'int' and 'NoneType'
show(fn() => i > t); // expect: TypeError: '>' not supported between instances of 'int' and 'tuple'
show(fn() => f > i); // expect: false
show(fn() => f > f); // expect: false
show(fn() => f > b); // expect: true
show(fn() => f > s); // expect: TypeError: '>' not supported between instances of 'float' and 'str'
show(fn() => f > a); // expect: TypeError: '>' not supported between instances of 'float' and 'list'
show(fn() => f > o); // expect: TypeError: '>' not supported between instances of 'float' and 'dict'
show(fn() => f > n); // expect: TypeError: '>' not supported between instances of 'float' and 'NoneType'
show(fn() => f > t); // expect: TypeError: '>' not supported between instances of 'float' and 'tuple'
show(fn() => b > i); // expect: false
show(fn() => b > f); // expect: false
show(fn() => b > b); // expect: false
show(fn() => b > s); // expect: TypeError: '>' not supported between instances of 'bool' and 'str'
show(fn() => b > a); // expect: TypeError: '>' not supported between instances of 'bool' and 'list'
show(fn() => b > o); // expect: TypeError: '>' not supported between instances of 'bool' and 'dict'
show(fn() => b > n); // expect: TypeError: '>' not supported between instances of 'bool' and 'NoneType'
show(fn() => b > t); // expect: TypeError: '>' not supported between instances of 'bool' and 'tuple'
show(fn() => s > i); // expect: TypeError: '>' not supported between instances of 'str' and 'int'
show(fn() => s > f); // expect: TypeError: '>' not supported between instances of 'str' and 'float'
show(fn() => s > b); // expect: TypeError: '>' not supported between instances of 'str' and 'bool'
show(fn() => s > s); // expect: false
show(fn() => s > a); // expect: TypeError: '>' not supported between instances of 'str' and 'list'
show(fn() => s > o); // expect: TypeError: '>' not supported between instances of 'str' and 'dict'
show(fn() => s > n); // expect: TypeError: '>' not supported between instances of 'str' and 'NoneType'
show(fn() => s > t); // expect: TypeError: '>' not supported between instances of 'str' and 'tuple'
show(fn() => a > i); // expect: TypeError: '>' not supported between instances of 'list' and 'int'
show(fn() => a > f); // expect: TypeError: '>' not supported between instances of 'list' and 'float'
show(fn() => a > b); // expect: TypeError: '>' not supported between instances of 'list' and 'bool'
show(fn() => a > s); // expect: TypeError: '>' not supported between instances of 'list' and 'str'
show(fn() => a > a); // expect: false
show(fn() => a > o); // expect: TypeError: '>' not supported between instances of 'list' and 'dict'
show(fn() => a > n); // expect: TypeError: '>' not supported between instances of 'list' and 'NoneType'
show(fn() => a > t); // expect: TypeError: '>' not supported between instances of 'list' and 'tuple'
show(fn() => o > i); // expect: TypeError: '>' not supported between instances of 'dict' and 'int'
show(fn() => o > f); // expect: TypeError: '>' not supported between instances of 'dict' and 'float'
show(fn() => o > b); // expect: TypeError: '>' not supported between instances of 'dict' and 'bool'
show(fn() => o > s); // expect: TypeError: '>' not supported between instances of 'dict' and 'str'
show(fn() => o > a); // expect: TypeError: '>' not supported between instances of 'dict' and 'list'
show(fn() => o > o); // expect: TypeError: '>' not supported between instances of 'dict' and 'dict'
show(fn() => o > n); // expect: TypeError: '>' not supported between instances of 'dict' and 'NoneType'
show(fn() => o > t); // expect: TypeError: '>' not supported between instances of 'dict' and 'tuple'
show(fn() => n > i); // expect: TypeError: '>' not supported between instances of 'NoneType' and 'int'
show(fn() => n > f); // expect: TypeError: '>' not supported between instances of 'NoneType' and 'float'
show(fn() => n > b); // expect: TypeError: '>' not supported between instances of 'NoneType' and 'bool'
show(fn() => n > s); // expect: TypeError: '>' not supported between instances of 'NoneType' and 'str'
show(fn() => n > a); // expect: TypeError: '>' not supported between instances of 'NoneType' and 'list'
show(fn() => n > o); // expect: TypeError: '>' not supported between instances of 'NoneType' and 'dict'
show(fn() => n > n); // expect: TypeError: '>' not supported between instances of 'NoneType' and 'NoneType'
show(fn() => n > t); // expect: TypeError: '>' not supported between instances of 'NoneType' and 'tuple'
show(fn() => t > i); // expect: TypeError: '>' not supported between instances of 'tuple' and 'int'
show(fn() => t > f); // expect: TypeError: '>' not supported between instances of 'tuple' and 'float'
show(fn() => t > b); // expect: TypeError: '>' not supported between instances of 'tuple' and 'bool'
show(fn() => t > s); // expect: TypeError: '>' not supported between instances of 'tuple' and 'str'
show(fn() => t > a); // expect: TypeError: '>' not supported between instances of 'tuple' and 'list'
show(fn() => t > o); // expect: TypeError: '>' not supported between instances of 'tuple' and 'dict'
show(fn() => t > n); // expect: TypeError: '>' not supported between instances of 'tuple' and 'NoneType'
show(fn() => t > t); // expect: false
show(fn() => i >= i); // expect: true
show(fn() => i >= f); // expect: true
show(fn() => i >= b); // expect: true
show(fn() => i >= s); // expect: TypeError: '>=' not supported between instances of 'int' and 'str'
show(fn() => i >= a); // expect: TypeError: '>=' not supported between instances of 'int' and 'list'
show(fn() => i >= o); // expect: TypeError: '>=' not supported between instances of 'int' and 'dict'
show(fn() => i >= n); // expect: TypeError: '>=' not supported between instances of 'int' and 'NoneType'
show(fn() => i >= t); // expect: TypeError: '>=' not supported between instances of 'int' and 'tuple'
show(fn() => f >= i); // expect: false
show(fn() => f >= f); // expect: true
show(fn() => f >= b); // expect: true
show(fn() => f >= s); // expect: TypeError: '>=' not supported between instances of 'float' and 'str'
show(fn() => f >= a); // expect: TypeError: '>=' not supported between instances of 'float' and 'list'
show(fn() => f >= o); // expect: TypeError: '>=' not supported between instances of 'float' and 'dict'
show(fn() => f >= n); // expect: TypeError: '>=' not supported between instances of 'float' and 'NoneType'
show(fn() => f >= t); // expect: TypeError: '>=' not supported between instances of 'float' and 'tuple'
show(fn() => b >= i); // expect: false
show(fn() => b >= f); // expect: false
show(fn() => b >= b); // expect: true
show(fn() => b >= s); // expect: TypeError: '>=' not supported between instances of 'bool' and 'str'
show(fn() => b >= a); // expect: TypeError: '>=' not supported between instances of 'bool' and 'list'
show(fn() => b >= o); // expect: TypeError: '>=' not supported between instances of 'bool' and 'dict'
show(fn() => b >= n); // expect: TypeError: '>=' not supported between instances of 'bool' and 'NoneType'
show(fn() => b >= t); // expect: TypeError: '>=' not supported between instances of 'bool' and 'tuple'
show(fn() => s >= i); // expect: TypeError: '>=' not supported between instances of 'str' and 'int'
show(fn() => s >= f); // expect: TypeError: '>=' not supported between instances of 'str' and 'float'
show(fn() => s >= b); // expect: TypeError: '>=' not supported between instances of 'str' and 'bool'
show(fn() => s >= s); // expect: true
show(fn() => s >= a); // expect: TypeError: '>=' not supported between instances of 'str' and 'list'
show(fn() => s >= o); // expect: TypeError: '>=' not supported between instances of 'str' and 'dict'
show(fn() => s >= n); // expect: TypeError: '>=' not supported between instances of 'str' and 'NoneType'
show(fn() => s >= t); // expect: TypeError: '>=' not supported between instances of 'str' and 'tuple'
show(fn() => a >= i); // expect: TypeError: '>=' not supported between instances of 'list' and 'int'
show(fn() => a >= f); // expect: TypeError: '>=' not supported between instances of 'list' and 'float'
show(fn() => a >= b); // expect: TypeError: '>=' not supported between instances of 'list' and 'bool'
show(fn() => a >= s); // expect: TypeError: '>=' not supported between instances of 'list' and 'str'
show(fn() => a >= a); // expect: true
show(fn() => a >= o); // expect: TypeError: '>=' not supported between instances of 'list' and 'dict'
show(fn() => a >= n); // expect: TypeError: '>=' not supported between instances of 'list' and 'NoneType'
show(fn() => a >= t); // expect: TypeError: '>=' not supported between instances of 'list' and 'tuple'
show(fn() => o >= i); // expect: TypeError: '>=' not supported between instances of 'dict' and 'int'
show(fn() => o >= f); // expect: TypeError: '>=' not supported between instances of 'dict' and 'float'
show(fn() => o >= b); // expect: TypeError: '>=' not supported between instances of 'dict' and 'bool'
show(fn() => o >= s); // expect: TypeError: '>=' not supported between instances of 'dict' and 'str'
show(fn() => o >= a); // expect: TypeError: '>=' not supported between instances of 'dict' and 'list'
show(fn() => o >= o); // expect: TypeError: '>=' not supported between instances of 'dict' and 'dict'
show(fn() => o >= n); // expect: TypeError: '>=' not supported between instances of 'dict' and 'NoneType'
show(fn() => o >= t); // expect: TypeError: '>=' not supported between instances of 'dict' and 'tuple'
show(fn() => n >= i); // expect: TypeError: '>=' not supported between instances of 'NoneType' and 'int'
show(fn() => n >= f); // expect: TypeError: '>=' not supported between instances of 'NoneType' and 'float'
show(fn() => n >= b); // expect: TypeError: '>=' not supported between instances of 'NoneType' and 'bool'
show(fn() => n >= s); // expect: TypeError: '>=' not supported between instances of 'NoneType' and 'str'
show(fn() => n >= a); // expect: TypeError: '>=' not supported between instances of 'NoneType' and 'list'
show(fn() => n >= o); // expect: TypeError: '>=' not supported between instances of 'NoneType' and 'dict'
show(fn() => n >= n); // expect: TypeError: '>=' not supported between instances of 'NoneType' and 'NoneType'
show(fn() => n >= t); // expect: TypeError: '>=' not supported between instances of 'NoneType' and 'tuple'
show(fn() => t >= i); // expect: TypeError: '>=' not supported between instances of 'tuple' and 'int'
show(fn() => t >= f); // expect: TypeError: '>=' not supported between instances of 'tuple' and 'float'
show(fn() => t >= b); // expect: TypeError: '>=' not supported between instances of 'tuple' and 'bool'
show(fn() => t >= s); // expect: TypeError: '>=' not supported between instances of 'tuple' and 'str'
show(fn() => t >= a); // expect: TypeError: '>=' not supported between instances of 'tuple' and 'list'
show(fn() => t >= o); // expect: TypeError: '>=' not supported between instances of 'tuple' and 'dict'
show(fn() => t >= n); // expect: TypeError: '>=' not supported between instances of 'tuple' and 'NoneType'
show(fn() => t >= t); // expect: true
