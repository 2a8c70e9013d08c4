// ArgParser with explicit argv needs no capability.
import args;
p = args.create_parser("convert", "Convert files");
p.add_flag("verbose", "v", "Verbose output");
p.add_flag("dry-run", null, "Do nothing");
p.add_option("output", "o", "Output file", "out.txt");
p.add_option("level", null, "Level");
p.add_positional("input", "Input file", true);
p.add_positional("extra", "Extra file");
print(typeof(p)); // expect: ArgParser
r = p.parse(["-v", "in.txt", "--level", "3", "more", "ignored"]);
print(typeof(r), r.flags(), r.options(), r.positionals()); // expect: ParsedArgs {'verbose': True, 'dry-run': False} {'level': '3', 'output': 'out.txt'} ['in.txt', 'more']
print(r.get("input"), r.get("output"), r.get("verbose"), r.get("nothing"), r.get("nothing", 7)); // expect: in.txt out.txt true None 7
print(r.has("input"), r.has("extra"), r.has("verbose"), r.has("dry-run"), r.has("output"), r.get_bool("verbose"), r.get_bool("input")); // expect: true true true false true true false
r2 = p.parse(["--output=o.bin", "-vo", "x.bin", "--dry-run", "--", "-in-"]);
print(r2.options(), r2.flags(), r2.positionals()); // expect: {'output': 'x.bin'} {'verbose': True, 'dry-run': True} ['-in-']
r3 = p.parse(["-h", "-", "x"]);
print(r3.get_bool("help"), r3.positionals()); // expect: true ['-', 'x']
function show(f) { try { f(); } except (e) { print(e.type + ": " + str(e)); } }
show(fn() => p.parse(["--nope"])); // expect: ValueError: Unknown option: --nope
show(fn() => p.parse(["-vx"])); // expect: ValueError: Unknown option: -x
show(fn() => p.parse(["a", "--level"])); // expect: ValueError: Option --level requires a value
show(fn() => p.parse(["-o"])); // expect: ValueError: Option --output requires a value
show(fn() => p.parse(["-v"])); // expect: ValueError: Required positional argument missing: input
print(p.help()); // expect: convert
// expect: Convert files
// expect:
// expect: Usage: script.ml [options] <input> [extra]
// expect:
// expect: Positional Arguments:
// expect:   input              Input file (required)
// expect:   extra              Extra file (optional)
// expect:
// expect: Options:
// expect:   -v, --verbose         Verbose output
// expect:       --dry-run         Do nothing
// expect:   -o, --output VALUE  Output file (default: out.txt)
// expect:       --level VALUE   Level
// expect:   -h, --help         Show this help message
print(repr(args.create_parser().help())); // expect: '\nUsage: script.ml [options]\n\nOptions:\n  -h, --help         Show this help message'
