print(hasCapability("math.compute"), hasCapability("file.read"), hasCapability("console.write")); // expect: true false true
print(requiredCapabilities(len), requiredCapabilities(fn() => 1)); // expect: [] []
print(modules()); // expect: ['builtin']
print(has_module("math"), has_module("no_such_module_here")); // expect: true false
