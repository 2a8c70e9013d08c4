function f() {
    import math; // expect error: .ml:2:
}
