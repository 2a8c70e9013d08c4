//! The `mlpy` command-line tool (DESIGN.md, CLI contract): `run`, `check`, `disasm`, `fmt`,
//! `transpile`, `audit`, `repl`.
//!
//! Exit status: 0 success; 1 script error (syntax, compile, runtime, uncaught throw); 2 usage
//! error; 3 a resource limit was hit; 4 a capability error nobody caught or a security rule
//! violated. Errors go to stderr as `FILE:LINE:COL: KIND: MESSAGE`, source line, caret, ML stack.
//! No language logic lives here: everything goes through the `mlpy` facade.

mod audit;
mod fmt;
mod repl;
mod transpile;

use clap::{Args, Parser, Subcommand, ValueEnum};
use mlpy::{Engine, Error, Grant, Limits, RunOptions, Source};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc v3's `mi_option_purge_delay` (its position in `mi_option_e`, include/mimalloc.h;
/// libmimalloc-sys names only the v2 options). A unit test checks it reads the v3 default.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Keeps peak RSS close to what the program really holds:
/// - opts out of transparent huge pages: with THP on ("always"), touching one byte of a fresh
///   region makes the kernel back (and zero) 2 MiB, so a heap of many small objects took about
///   1.6x its `--memory` budget in RSS; without it peak RSS stays within about 20% of the budget
///   (tests/sandbox_limits.rs), and less memory is zeroed;
/// - returns freed memory to the OS at once instead of after mimalloc's default 1 s delay: a
///   growing array frees each outgrown buffer, and keeping them all resident cost the arrays
///   workload 44 MB of peak RSS instead of 26 MB (docs/performance.md).
fn keep_memory_close_to_the_budget() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integer arguments and only changes a flag of this
    // process; it cannot affect memory safety. A failure (old kernel) is harmless and ignored.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
    // SAFETY: `mi_option_set` stores an integer in mimalloc's option table (atomically); the
    // allocator reads it when it next purges. It takes no pointers.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) }
}

#[derive(Parser)]
#[command(
    name = "mlpy",
    version,
    about = "Run, check and inspect ML scripts in a sandboxed VM",
    after_help = "Examples:\n  \
        mlpy run examples/hello.ml\n  \
        mlpy run script.ml --fuel 1000000 --timeout 2 --allow 'file.read:./data/*.csv'\n  \
        mlpy repl\n\n\
        Exit status: 0 success, 1 script error, 2 usage error, 3 resource limit, \
        4 capability or security error.\n\
        `mlpy COMMAND --help` explains each command; docs/getting-started.md the rest."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run an ML program on the VM, under resource limits and capability grants.
    Run(RunArgs),
    /// Parse and resolve ML files; print every problem with a caret. Exit 1 if any error.
    Check {
        /// ML files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print the bytecode of a program, one instruction a line, with source lines.
    Disasm {
        /// The ML file.
        file: PathBuf,
    },
    /// Format ML files in place (4-space indent, comments kept); `--check` only lists them.
    Fmt(fmt::FmtArgs),
    /// Transpile an ML program to self-contained Python 3.11+ (optionally with a source map).
    Transpile(transpile::TranspileArgs),
    /// Report static security findings with severities (exit 4 on critical or high).
    Audit(audit::AuditArgs),
    /// Interactive session: type statements or expressions and see their values.
    ///
    /// Variables and functions persist across entries. Each entry runs under the limit flags
    /// below plus a 5 s timeout unless `--timeout` says otherwise; Ctrl-C stops a running
    /// entry. Unclosed brackets continue on the next line. `:help` lists the commands;
    /// `:quit` or Ctrl-D leaves. History: `$MLPY_HISTORY`, else `~/.mlpy_history`.
    Repl(repl::ReplArgs),
}

#[derive(Args)]
struct LimitArgs {
    /// Instruction budget (executed instructions). Default: unlimited.
    #[arg(long, value_name = "N")]
    fuel: Option<u64>,
    /// Wall-clock limit in seconds (decimals allowed). Default: none.
    #[arg(long, value_name = "SECS")]
    timeout: Option<f64>,
    /// Heap memory limit in MiB. Default: 1024.
    #[arg(long, value_name = "MB")]
    memory: Option<u64>,
    /// Maximum active ML calls (also the data-nesting limit). Default: 1000.
    #[arg(long, value_name = "N")]
    max_depth: Option<usize>,
    /// Maximum bytes the script may print (stdout and stderr together). Default: unlimited.
    #[arg(long, value_name = "BYTES")]
    max_output: Option<usize>,
}

/// What the engine of `run` and `repl` is configured with.
#[derive(Args)]
struct EngineArgs {
    /// Grant a system capability, e.g. `file.read:./data/**/*.csv` or `network.http:api.example.com`.
    #[arg(long = "allow", value_name = "GRANT")]
    allow: Vec<String>,
    /// Directory searched by `import a.b;` for `a/b.ml` (repeatable).
    #[arg(long = "import-path", value_name = "DIR")]
    import_path: Vec<PathBuf>,
    /// Report security findings without blocking the run.
    #[arg(long)]
    no_strict: bool,
    /// Time zone for datetime (default: $TZ, else the host's zone).
    #[arg(long, value_name = "ZONE")]
    tz: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum GlobalsFormat {
    Json,
}

#[derive(Args)]
struct RunArgs {
    /// The ML file to run.
    file: PathBuf,
    #[command(flatten)]
    limits: LimitArgs,
    #[command(flatten)]
    engine: EngineArgs,
    /// After the output, print the top-level data variables as one JSON line.
    #[arg(long, value_name = "FORMAT")]
    globals: Option<GlobalsFormat>,
    /// Print `stats: fuel=N peak_memory=BYTES wall_ms=T` to stderr after the run.
    #[arg(long)]
    stats: bool,
    /// Arguments for the script (`mlpy run FILE -- a b`), read with the `args` module.
    #[arg(last = true, value_name = "ARGS")]
    script_args: Vec<String>,
}

fn main() -> ExitCode {
    keep_memory_close_to_the_budget();
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Run(args) => run(args),
        Command::Check { files } => check(&files),
        Command::Disasm { file } => disasm(&file),
        Command::Fmt(args) => fmt::run(&args, color()),
        Command::Transpile(args) => transpile::run(&args),
        Command::Audit(args) => audit::run(&args),
        Command::Repl(args) => repl::run(&args),
    };
    ExitCode::from(code)
}

fn color() -> bool {
    std::io::stderr().is_terminal()
}

fn report(error: &Error) -> u8 {
    let _ = std::io::stdout().flush();
    eprint!("{}", error.render(color()));
    error.exit_code() as u8
}

fn usage_error(message: &str) -> u8 {
    eprintln!("error: {message}");
    2
}

fn limits_from(args: &LimitArgs) -> Result<Limits, String> {
    let mut limits = Limits::default();
    limits.fuel = args.fuel.or(limits.fuel);
    if let Some(secs) = args.timeout {
        limits.timeout = Some(
            Duration::try_from_secs_f64(secs).map_err(|_| format!("invalid --timeout {secs}"))?,
        );
    }
    if let Some(mb) = args.memory {
        limits.memory = usize::try_from(mb.saturating_mul(1 << 20)).unwrap_or(usize::MAX);
    }
    if let Some(depth) = args.max_depth {
        limits.max_depth = depth;
    }
    limits.max_output = args.max_output.or(limits.max_output);
    Ok(limits)
}

/// An engine with the grants, import roots, strictness, time zone and (when `env.read` is
/// granted) the process environment of the command line; `Err` is the usage exit status.
fn engine_from(args: &EngineArgs) -> Result<Engine, u8> {
    let mut engine = Engine::new();
    for text in &args.allow {
        match Grant::parse(text) {
            Ok(grants) => {
                for grant in grants {
                    engine.grant(grant);
                }
            }
            Err(e) => return Err(usage_error(&e)),
        }
    }
    for dir in &args.import_path {
        engine.add_import_root(dir.clone());
    }
    engine.set_strict(!args.no_strict);
    if let Some(tz) = &args.tz {
        if let Err(e) = engine.set_timezone(tz) {
            return Err(usage_error(&e));
        }
    }
    // The process environment reaches `env` only when the script may read it (stdlib.md §15).
    if engine.is_granted("env.read") {
        engine.set_env(std::env::vars().collect());
    }
    Ok(engine)
}

fn run(args: RunArgs) -> u8 {
    let limits = match limits_from(&args.limits) {
        Ok(l) => l,
        Err(e) => return usage_error(&e),
    };
    let mut engine = match engine_from(&args.engine) {
        Ok(e) => e,
        Err(code) => return code,
    };
    let mut argv = vec![args.file.display().to_string()];
    argv.extend(args.script_args.iter().cloned());
    engine.set_args(argv);
    let program = match engine.compile_file(&args.file) {
        Ok(p) => p,
        Err(e) => return report(&e),
    };
    // --no-strict reports the findings that strict mode would have blocked on (D11).
    let findings: Vec<_> = program
        .findings()
        .iter()
        .filter(|f| f.severity.is_blocking())
        .map(mlpy::finding_warning)
        .collect();
    eprint!(
        "{}",
        mlpy::render_diagnostics(program.source(), &findings, color())
    );
    let options = RunOptions {
        limits,
        want_globals_json: args.globals.is_some(),
        ..RunOptions::default()
    };
    let result = engine.run(&program, options);
    let code = match &result.error {
        Some(e) => report(e),
        None => {
            if let Some(json) = &result.globals_json {
                println!("{json}");
            }
            0
        }
    };
    if args.stats {
        let u = result.usage;
        eprintln!(
            "stats: fuel={} peak_memory={} wall_ms={}",
            u.fuel_used,
            u.peak_memory,
            u.wall.as_millis()
        );
    }
    code
}

fn check(files: &[PathBuf]) -> u8 {
    let engine = Engine::new();
    let mut failed = false;
    for path in files {
        let source = match Source::read(path) {
            Ok(s) => s,
            Err(e) => {
                failed = true;
                report(&e);
                continue;
            }
        };
        let (diagnostics, findings) = engine.check(&source);
        eprint!(
            "{}",
            mlpy::render_diagnostics(&source, &diagnostics, color())
        );
        for finding in &findings {
            eprint!("{}", mlpy::render_finding(&source, finding, color()));
        }
        failed |= !findings.is_empty() || diagnostics.iter().any(|d| d.is_error());
    }
    u8::from(failed)
}

fn disasm(file: &Path) -> u8 {
    let engine = Engine::new();
    match engine.compile_file(file).and_then(|p| p.disassemble()) {
        Ok(text) => {
            print!("{text}");
            0
        }
        Err(e) => report(&e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_purge_delay_option_index_is_mimalloc_v3s() {
        // v3 documents `purge_delay` with a default of 1000 ms; no other option has that default.
        // SAFETY: reads an integer option; no pointers.
        let delay = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        assert_eq!(delay, 1000);
    }
}
