// allow: args.read
// The CLI passes the script path first (`mlpy run FILE -- a b` adds a, b; none here).
import args;
import path;
print(path.basename(args.script()), len(args.all()), args.rest()); // expect: script_args.ml 1 []
print(args.all()[0] == args.script()); // expect: true
p = args.create_parser("tool");
p.add_flag("verbose", "v", "Talk more");
r = p.parse();
print(r.get_bool("verbose"), r.positionals()); // expect: false []
