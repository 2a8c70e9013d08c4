function find(xs, target) {
    for (x in xs) {
        try {
            if (x == target) { return "found " + x; }
        } finally {
            print("checked", x);
        }
    }
    return "missing";
}
print(find([1, 2, 3], 2));
// expect: checked 1
// expect: checked 2
// expect: found 2
