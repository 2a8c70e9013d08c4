count = 0;
function bump() { nonlocal count; count = count + 1; }
bump();
bump();
print(count); // expect: 2
function nested() {
    function deep() { nonlocal count; count = count * 10; }
    deep();
}
nested();
print(count); // expect: 20
