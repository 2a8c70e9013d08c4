import args;
function show(f) { try { f(); } except (e) { print(e.type + ": " + str(e)); } }
show(fn() => args.all()); // expect: CapabilityError: Missing required capabilities: ['args.read']
show(fn() => args.script()); // expect: CapabilityError: Missing required capabilities: ['args.read']
show(fn() => args.rest()); // expect: CapabilityError: Missing required capabilities: ['args.read']
p = args.create_parser();
show(fn() => p.parse()); // expect: CapabilityError: ArgParser.parse() requires capability 'args.read'
print(p.parse(["x"]).positionals()); // expect: []
