f(1)(2); xs[0](1); (f)(1); (fn(x) => x)(1); make_adder(2)(3);
