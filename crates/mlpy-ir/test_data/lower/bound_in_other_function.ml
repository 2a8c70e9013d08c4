function setter() { secret = 1; return secret; }
function getter() { return secret; }
print(setter());
print(getter());
