// D6/D31: json.parse past the data-depth limit is a catchable ValueError.
// max-depth: 50
import json;
try {
    json.parse("[" * 60 + "]" * 60);
} except (e) {
    print(e.type, str(e)); // expect: ValueError JSON nesting too deep
}
print(len(json.stringify(json.parse("[" * 40 + "]" * 40)))); // expect: 80
