cfg = {};
if (cfg) { print("truthy"); } else { print("empty object is falsy"); } // expect: empty object is falsy
cfg.k = 0;
if (cfg) { print("non-empty object is truthy"); } // expect: non-empty object is truthy
print(cfg || "default", {} || "default"); // expect: {'k': 0} default
