import math;
print(math.pi, math.e); // expect: 3.141592653589793 2.718281828459045
print(math.sqrt(16), math.sqrt(2), math.sqrt(-1), math.sqrt(0)); // expect: 4.0 1.4142135623730951 0 0.0
print(math.abs(-5), math.abs(-2.5), math.abs(true), math.abs(-100000000000000000000)); // expect: 5 2.5 1 100000000000000000000
print(math.sin(0), math.cos(0), math.tan(0)); // expect: 0.0 1.0 0.0
print(math.sin(math.pi / 2), math.cos(math.pi)); // expect: 1.0 -1.0
print(math.asin(1), math.acos(1), math.atan(1)); // expect: 1.5707963267948966 0.0 0.7853981633974483
print(math.atan2(1, 1), math.atan2(-1, -1)); // expect: 0.7853981633974483 -2.356194490192345
print(math.ln(1), math.ln(math.e), math.ln(0), math.ln(-3)); // expect: 0.0 1.0 -999 -999
print(math.log(100), math.log(1000), math.log(8, 2), math.log(0), math.log(5, 1), math.log(5, -2)); // expect: 2.0 2.9999999999999996 3.0 -999 -999 -999
print(math.ln(math.pow(10, 400)) > 921); // expect: true
print(math.exp(0), math.exp(1), math.exp(1000)); // expect: 1.0 2.718281828459045 inf
print(math.pow(2, 10), math.pow(2, 100), math.pow(2, -1), math.pow(2.0, 3), math.pow(0, 0)); // expect: 1024 1267650600228229401496703205376 0.5 8.0 1
print(math.pow(4, 0.5), math.pow(0, -1), math.pow(10.0, 400), math.pow(-10.0, 401), math.pow(-2, 3)); // expect: 2.0 0 inf 0 -8
print(math.floor(3.7), math.floor(-3.2), math.ceil(3.2), math.ceil(-3.7), math.floor(5)); // expect: 3 -4 4 -3 5
print(math.round(2.5), math.round(3.5), math.round(-2.5), math.round(2.6), math.round(7)); // expect: 2 4 -2 3 7
print(math.min(3, 7), math.max(3, 7), math.min(2.5, 1), math.max(-1, -1.0)); // expect: 3 7 1 -1
print(math.degToRad(180), math.radians(90), math.radToDeg(math.pi), math.degrees(1)); // expect: 3.141592653589793 1.5707963267948966 180.0 57.29577951308232
print(math.sign(-3), math.sign(0), math.sign(2.5), math.sign(-0.0)); // expect: -1 0 1 0
print(math.factorial(0), math.factorial(5), math.factorial(25), math.factorial(-3)); // expect: 1 120 15511210043330985984000000 0
print(math.gcd(12, 18), math.gcd(-4, 6), math.gcd(0, 0), math.lcm(4, 6), math.lcm(0, 5)); // expect: 6 2 0 12 0
r = math.random();
print(r >= 0 && r < 1); // expect: true
print(typeof(math.sqrt), requiredCapabilities(math.sqrt)); // expect: function ['math.compute']
