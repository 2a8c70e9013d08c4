function a() {
    return b();
}
function b() {
    x = [];
    return x[3];
}
a(); // expect error: .ml:6:
// expect error: IndexError: list index out of range
