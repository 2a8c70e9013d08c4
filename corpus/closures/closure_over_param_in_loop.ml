adders = [];
for (n in [1, 2, 3]) {
    adders.append((fn(k) => fn(x) => x + k)(n));
}
print(adders[0](10), adders[1](10), adders[2](10)); // expect: 11 12 13
