// error: 4:3 bare 'except' must be the last except clause
try {
    x = 1;
} except {
    print("a");
} except (e) {
    print(e);
}
