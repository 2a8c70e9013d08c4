try { x = [1][5]; } except (e) { print(e.message, e.type, e.data); } // expect: list index out of range IndexError None
try { throw {message: "m"}; } except (e) { print(e.data, e.type); } // expect: {'message': 'm'} MLUserException
try {
    y = 1;
    z = y / 0;
} except (e) {
    print(e.line, typeof(e.column)); // expect: 5 number
}
