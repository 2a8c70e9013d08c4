// allow: env.*
// The CLI passes the process environment when env.read is granted; writes stay in the run.
import env;
print(env.has("PATH"), typeof(env.get("PATH"))); // expect: true string
print(env.get("MLPY_CORPUS_UNSET"), env.get("MLPY_CORPUS_UNSET", "dflt"), env.has("MLPY_CORPUS_UNSET")); // expect: None dflt false
env.set("MLPY_T_INT", 42);
env.set("MLPY_T_FLOAT", "2.5e1");
env.set("MLPY_T_BOOL", true);
env.set("MLPY_T_BAD", "abc");
print(env.get("MLPY_T_INT"), env.get("MLPY_T_BOOL"), env.require("MLPY_T_FLOAT")); // expect: 42 True 2.5e1
print(env.get_int("MLPY_T_INT"), env.get_int("MLPY_T_BAD"), env.get_int("MLPY_T_BAD", -1), env.get_int("MLPY_CORPUS_UNSET", 5)); // expect: 42 0 -1 5
print(env.get_float("MLPY_T_FLOAT"), env.get_float("MLPY_T_INT"), env.get_float("MLPY_T_BAD"), env.get_float("MLPY_T_BAD", 1.5)); // expect: 25.0 42.0 0.0 1.5
print(env.get_bool("MLPY_T_BOOL"), env.get_bool("MLPY_T_INT"), env.get_bool("MLPY_CORPUS_UNSET"), env.get_bool("MLPY_CORPUS_UNSET", true)); // expect: true false false true
env.set("MLPY_T_ON", "On");
env.set("MLPY_T_ONE", 1);
print(env.get_bool("MLPY_T_ON"), env.get_bool("MLPY_T_ONE"), env.get_bool("MLPY_T_BAD")); // expect: true true false
a = env.all();
print(typeof(a), a["MLPY_T_INT"], a["PATH"] == env.get("PATH")); // expect: object 42 true
env.delete("MLPY_T_INT");
env.delete("MLPY_T_INT");
print(env.has("MLPY_T_INT")); // expect: false
try { env.require("MLPY_T_INT"); } except (e) { print(e.type + ": " + str(e)); } // expect: RuntimeError: Required environment variable not set: MLPY_T_INT
try { env.get(1); } except (e) { print(e.type); } // expect: TypeError
