function f() {
    import math;
    capability C {}
}
