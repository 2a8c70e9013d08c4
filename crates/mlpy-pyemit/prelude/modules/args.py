# `args` (stdlib.md §14) for the Python backend: the ML file name followed by the arguments the
# emitted program was started with (`python3 out.py a b`), readable with the args.read grant;
# ArgParser / ParsedArgs as in crates/mlpy-stdlib/src/modules/args.rs.
import sys as __ml_args_sys


def __ml_args_need():
    if not (("args.read" in __ml_grants or "*" in __ml_grants) and __ml_used("args.read")):
        raise __MLError("CapabilityError", "Missing required capabilities: ['args.read']")


def __ml_args_argv():
    return [__ml_file] + list(__ml_args_sys.argv[1:])


def __ml_args_all(*args):
    __ml_args_need()
    __ml_arity("all", args, 0, 0)
    return __ml_args_argv()


def __ml_args_script(*args):
    __ml_args_need()
    __ml_arity("script", args, 0, 0)
    return __ml_args_argv()[0]


def __ml_args_rest(*args):
    __ml_args_need()
    __ml_arity("rest", args, 0, 0)
    return __ml_args_argv()[1:]


class __MLArgParser(__MLNative):
    __slots__ = ("name", "description", "flags", "options", "positionals")
    _ml_class = "ArgParser"


class __MLParsedArgs(__MLNative):
    __slots__ = ("flags", "options", "positionals")
    _ml_class = "ParsedArgs"


def __ml_args_str(func, pos, v):
    if type(v) is not str:
        raise __MLError("TypeError", func + "() argument " + str(pos) + " must be str, not " + __ml_tname(v))
    return v


def __ml_args_opt(args, i):
    return args[i] if i < __ml_len(args) else None


def __ml_args_text(args, i):
    v = __ml_args_opt(args, i)
    return "" if v is None else __ml_display(v)


def __ml_args_short(func, args, i):
    v = __ml_args_opt(args, i)
    if v is None:
        return None
    s = __ml_args_str(func, i, v).lstrip("-")
    return s or None


def __ml_args_create_parser(*args):
    __ml_arity("create_parser", args, 0, 2)
    p = __MLArgParser()
    p.name = "" if __ml_args_opt(args, 0) is None else __ml_args_str("create_parser", 1, args[0])
    p.description = "" if __ml_args_opt(args, 1) is None else __ml_args_str("create_parser", 2, args[1])
    p.flags = []
    p.options = []
    p.positionals = []
    return p


def __ml_ap_add_flag(self, *args):
    __ml_arity("add_flag", args, 1, 3)
    name = __ml_args_str("add_flag", 1, args[0])
    self.flags.append((name, __ml_args_short("add_flag", args, 1), __ml_args_text(args, 2)))
    return None


def __ml_ap_add_option(self, *args):
    __ml_arity("add_option", args, 1, 4)
    name = __ml_args_str("add_option", 1, args[0])
    self.options.append((name, __ml_args_short("add_option", args, 1), __ml_args_text(args, 2), __ml_args_opt(args, 3)))
    return None


def __ml_ap_add_positional(self, *args):
    __ml_arity("add_positional", args, 1, 3)
    name = __ml_args_str("add_positional", 1, args[0])
    self.positionals.append((name, __ml_args_text(args, 1), __ml_pybool(__ml_args_opt(args, 2))))
    return None


def __ml_ap_set_flag(flags, name):
    for i, (n, _) in enumerate(flags):
        if n == name:
            flags[i] = (n, True)
            return
    flags.append((name, True))


def __ml_ap_set_option(options, name, value):
    for i, (n, _) in enumerate(options):
        if n == name:
            options[i] = (n, value)
            return
    options.append((name, value))


def __ml_ap_run(p, argv):
    flags = [(f[0], False) for f in p.flags]
    options = []
    values = []
    only_pos = False
    i = 0
    while i < __ml_len(argv):
        a = argv[i]
        if only_pos:
            values.append(a)
        elif a == "--":
            only_pos = True
        elif a == "--help" or a == "-h":
            __ml_ap_set_flag(flags, "help")
        elif a.startswith("--"):
            name, eq, inline = a[2:].partition("=")
            if not eq and any(f[0] == name for f in p.flags):
                __ml_ap_set_flag(flags, name)
            elif any(o[0] == name for o in p.options):
                if eq:
                    value = inline
                else:
                    i += 1
                    if i >= __ml_len(argv):
                        raise __MLError("ValueError", "Option --" + name + " requires a value")
                    value = argv[i]
                __ml_ap_set_option(options, name, value)
            else:
                raise __MLError("ValueError", "Unknown option: --" + name)
        elif __ml_len(a) > 1 and a.startswith("-"):
            for c in a[1:]:
                f = next((f for f in p.flags if f[1] == c), None)
                o = next((o for o in p.options if o[1] == c), None)
                if f is not None:
                    __ml_ap_set_flag(flags, f[0])
                elif o is not None:
                    i += 1
                    if i >= __ml_len(argv):
                        raise __MLError("ValueError", "Option --" + o[0] + " requires a value")
                    __ml_ap_set_option(options, o[0], argv[i])
                elif c == "h":
                    __ml_ap_set_flag(flags, "help")
                else:
                    raise __MLError("ValueError", "Unknown option: -" + c)
        else:
            values.append(a)
        i += 1
    for o in p.options:
        if o[3] is not None and not any(n == o[0] for n, _ in options):
            options.append((o[0], o[3]))
    positionals = []
    for k, (name, _h, required) in enumerate(p.positionals):
        if k < __ml_len(values):
            positionals.append((name, values[k]))
        elif required:
            raise __MLError("ValueError", "Required positional argument missing: " + name)
    r = __MLParsedArgs()
    r.flags = flags
    r.options = options
    r.positionals = positionals
    return r


def __ml_ap_parse(self, *args):
    __ml_arity("parse", args, 0, 1)
    argv = __ml_args_opt(args, 0)
    if argv is None:
        if not (("args.read" in __ml_grants or "*" in __ml_grants) and __ml_used("args.read")):
            raise __MLError("CapabilityError", "ArgParser.parse() requires capability 'args.read'")
        argv = __ml_args_argv()[1:]
    else:
        argv = [__ml_display(x) for x in __ml_elements(argv)]
    return __ml_ap_run(self, argv)


def __ml_ap_help(self, *args):
    __ml_arity("help", args, 0, 0)
    lines = []
    if self.name:
        lines.append(self.name)
    if self.description:
        lines.append(self.description)
    lines.append("")
    usage = "Usage: script.ml [options]"
    for name, _h, required in self.positionals:
        usage += " <" + name + ">" if required else " [" + name + "]"
    lines.append(usage)
    if self.positionals:
        lines.append("")
        lines.append("Positional Arguments:")
        for name, h, required in self.positionals:
            lines.append("  " + name.ljust(18) + " " + h + (" (required)" if required else " (optional)"))
    lines.append("")
    lines.append("Options:")
    for name, short, h in self.flags:
        lead = "  -" + short + ", " if short else "      "
        lines.append(lead + "--" + name.ljust(15) + " " + h)
    for name, short, h, default in self.options:
        lead = "  -" + short + ", " if short else "      "
        line = lead + ("--" + name + " VALUE").ljust(15) + " " + h
        if default is not None:
            line += " (default: " + __ml_display(default) + ")"
        lines.append(line)
    lines.append("  -h, --help         Show this help message")
    return "\n".join(lines)


def __ml_pa_lookup(self, name):
    for n, v in self.options + self.positionals:
        if n == name:
            return True, v
    for n, b in self.flags:
        if n == name:
            return True, b
    return False, None


def __ml_pa_has(self, *args):
    __ml_arity("has", args, 1, 1)
    name = __ml_args_str("has", 1, args[0])
    return any(n == name for n, _ in self.options + self.positionals) or any(n == name and b for n, b in self.flags)


def __ml_pa_get(self, *args):
    __ml_arity("get", args, 1, 2)
    found, v = __ml_pa_lookup(self, __ml_args_str("get", 1, args[0]))
    return v if found else __ml_args_opt(args, 1)


def __ml_pa_get_bool(self, *args):
    __ml_arity("get_bool", args, 1, 1)
    name = __ml_args_str("get_bool", 1, args[0])
    return any(n == name and b for n, b in self.flags)


def __ml_pa_flags(self, *args):
    __ml_arity("flags", args, 0, 0)
    return dict(self.flags)


def __ml_pa_options(self, *args):
    __ml_arity("options", args, 0, 0)
    return dict(self.options)


def __ml_pa_positionals(self, *args):
    __ml_arity("positionals", args, 0, 0)
    return [v for _, v in self.positionals]


__MLArgParser._ml_methods = {
    "add_flag": __ml_ap_add_flag, "add_option": __ml_ap_add_option,
    "add_positional": __ml_ap_add_positional, "parse": __ml_ap_parse, "help": __ml_ap_help,
}
__MLArgParser._ml_props = {}
__MLParsedArgs._ml_methods = {
    "has": __ml_pa_has, "get": __ml_pa_get, "get_bool": __ml_pa_get_bool, "flags": __ml_pa_flags,
    "options": __ml_pa_options, "positionals": __ml_pa_positionals,
}
__MLParsedArgs._ml_props = {}


def __ml_args_fn(f, name, caps, doc):
    __ml_fn(f, name)
    f.__doc__ = doc
    __ml_fn_caps[f] = caps
    return f


__ml_module_args = __MLModule("args", {
    "all": __ml_args_fn(__ml_args_all, "all", ["args.read"], "The script path followed by its arguments"),
    "script": __ml_args_fn(__ml_args_script, "script", ["args.read"], "The script path"),
    "rest": __ml_args_fn(__ml_args_rest, "rest", ["args.read"], "The script arguments"),
    "create_parser": __ml_args_fn(__ml_args_create_parser, "create_parser", [], "Create an argument parser"),
}, "Command-line arguments supplied by the host")
__ml_modules["args"] = __ml_module_args
