function grade(n) {
    if (n >= 90) { return "A"; }
    elif (n >= 80) { return "B"; }
    elif (n >= 70) { return "C"; }
    else { return "F"; }
}
print(grade(95), grade(85), grade(75), grade(10)); // expect: A B C F
x = 5;
if (x > 1) { print("first"); } elif (x > 2) { print("second"); } // expect: first
if (x < 0) { print("no"); }
print("after"); // expect: after
if (0) { print("no"); } elif ("") { print("no"); } elif ([]) { print("no"); } else { print("else"); } // expect: else
