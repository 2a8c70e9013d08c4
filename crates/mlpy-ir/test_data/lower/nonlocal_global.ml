count = 0;
function bump() { nonlocal count; count = count + 1; }
function deep() {
    function deeper() { nonlocal count; count = count * 2; }
    deeper();
}
tick = fn() => { nonlocal count; count = count + 1; return count; };
bump(); deep(); tick();
print(count);
