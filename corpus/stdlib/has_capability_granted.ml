// allow: env.read
print(hasCapability("env.read"), hasCapability("env.write")); // expect: true false
