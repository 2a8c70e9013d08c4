for (n in [3, 6, 10, 15]) {
    if (n % 3 == 0) {
        if (n % 5 == 0) { print("FizzBuzz"); } else { print("Fizz"); }
    } elif (n % 5 == 0) {
        print("Buzz");
    } else {
        print(n);
    }
}
// expect: Fizz
// expect: Fizz
// expect: Buzz
// expect: FizzBuzz
