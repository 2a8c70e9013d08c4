function counter() {
    count = 0;
    return fn() => { nonlocal count; count = count + 1; return count; };
}
c = counter();
c(); c();
print(c()); // expect: 3
