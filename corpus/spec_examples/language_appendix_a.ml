import math;

function stats(xs) {
    total = 0;
    for (x in xs) { total = total + x; }
    mean = total / len(xs);
    return {n: len(xs), mean: mean, root: math.sqrt(total)};
}

data = [4, 8, 15, 16, 23, 42];
s = stats(data);
label = s.mean > 10 ? "high" : "low";
[first, second] = data[:2];
print("mean=" + s.mean, label, first + second, s.root);
print(s);
// expect: mean=18.0 high 12 10.392304845413264
// expect: {'n': 6, 'mean': 18.0, 'root': 10.392304845413264}
