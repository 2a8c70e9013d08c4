import random;
function attempt(f) {
    try { print(f()); } except (e) { print(e.type + ": " + str(e)); }
}
print(random.set_seed(7), random.get_seed()); // expect: 7 7
a = [random.next_int(), random.random_float(), random.random_bool(), random.random_normal(), random.random_indices(5, 2)];
random.setSeed(7);
b = [random.nextInt(), random.randomFloat(), random.randomBool(), random.randomNormal(), random.randomIndices(5, 2)];
print(a == b); // expect: true
print(random.choice([]), random.shuffle([]), random.sample([], 3), random.randomIndices(3, 5), random.randomIndices(0, 0)); // expect: None [] [] [0, 1, 2] []
orig = [1, 2, 3];
s = random.shuffle(orig);
print(orig, sorted(s), len(random.choice("xyz"))); // expect: [1, 2, 3] [1, 2, 3] 1
attempt(fn() => random.randomInt(5, 5)); // expect: ValueError: empty range in randrange(5, 5)
attempt(fn() => random.randomInt(0, 2.5)); // expect: TypeError: randrange() arguments must be integers, not 'float'
attempt(fn() => random.sample([1, 2], -1)); // expect: ValueError: Sample larger than population or is negative
attempt(fn() => random.choice(5)); // expect: TypeError: choice() argument must be an array, not 'int'
attempt(fn() => random.setSeed([1])); // expect: TypeError: The only supported seed types are: None, int, float, str, bytes, and bytearray (got 'list')
attempt(fn() => random.uniform(1)); // expect: TypeError: uniform() takes exactly 2 arguments (1 given)
attempt(fn() => random.randomBoolWeighted("x")); // expect: TypeError: must be real number, not str
print(random.triangular(3, 3), random.setSeed(null), typeof(random.getSeed())); // expect: 3 None number
r = random.randomInt(10, 12);
print(r == 10 || r == 11, requiredCapabilities(random.choice), requiredCapabilities(random.random)); // expect: true ['random.sample'] ['random.generate']
