import env;
function show(f) { try { f(); } except (e) { print(e.type + ": " + str(e)); } }
show(fn() => env.set("X", 1)); // expect: CapabilityError: Missing required capabilities: ['env.write']
show(fn() => env.delete("X")); // expect: CapabilityError: Missing required capabilities: ['env.write']
env.get("HOME"); // expect error: CapabilityError: Missing required capabilities: ['env.read']
