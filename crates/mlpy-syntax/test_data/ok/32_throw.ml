throw {message: "bad", code: 42};
throw {};
