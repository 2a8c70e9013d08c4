// A capability declaration parses and has no runtime effect (language.md 9).
capability FileAccess {
    resource "data/*.csv";
    allow read;
    allow write "out.txt";
}
print("after"); // expect: after
