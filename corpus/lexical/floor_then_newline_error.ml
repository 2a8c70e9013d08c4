// `z = 8 // note` with no `;`: the `//` follows an operand, so it is floor division; the
// parser fails on the next line, so the same-line fallback does not apply.
print("never");
z = 8 // note
print(z); // expect error: SyntaxError
