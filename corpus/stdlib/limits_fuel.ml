// Natives charge fuel for their work before doing it: parsing a long JSON text runs out.
// vm-only
// fuel: 700000
import json;
text = "[" + "1," * 100000 + "1]";
print(len(text)); // expect: 200003
print(len(json.parse(text))); // expect limit: fuel
