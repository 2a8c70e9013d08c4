for (i in [1]) {
    f = function() { continue; }; // expect error: .ml:2:
}
