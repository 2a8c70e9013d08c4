print("before"); // expect: before
throw {message: "fatal problem", code: 3}; // expect error: MLUserException: fatal problem
print("after");
