// allow: env.write
// env.read is not granted: reads are denied (writes are allowed).
import env;
function show(f) { try { f(); } except (e) { print(e.type + ": " + str(e)); } }
show(fn() => env.get("PATH")); // expect: CapabilityError: Missing required capabilities: ['env.read']
show(fn() => env.require("PATH")); // expect: CapabilityError: Missing required capabilities: ['env.read']
show(fn() => env.has("PATH")); // expect: CapabilityError: Missing required capabilities: ['env.read']
show(fn() => env.all()); // expect: CapabilityError: Missing required capabilities: ['env.read']
show(fn() => env.get_int("X")); // expect: CapabilityError: Missing required capabilities: ['env.read']
show(fn() => env.get_float("X")); // expect: CapabilityError: Missing required capabilities: ['env.read']
show(fn() => env.get_bool("X")); // expect: CapabilityError: Missing required capabilities: ['env.read']
print(env.set("X", 1), env.delete("X")); // expect: None None
