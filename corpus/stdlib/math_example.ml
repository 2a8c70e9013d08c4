import math;
print(math.sqrt(16), math.sqrt(-1), math.floor(3.7), math.round(2.5), math.log(8, 2), math.ln(0), math.pow(2, 10), math.pi); // expect: 4.0 0 3 2 3.0 -999 1024 3.141592653589793
print(math.pow(2, 100), math.factorial(25)); // expect: 1267650600228229401496703205376 15511210043330985984000000
