//! `mlpy transpile FILE [-o OUT.py] [--source-map] [--allow GRANT]... [--import-path DIR]...
//! [--max-depth N] [--max-output BYTES] [--no-strict] [--tz ZONE]` (DESIGN.md, spec D2, D3,
//! D11, D26, D29): ML -> self-contained Python through the facade's `mlpy::transpile`.
//!
//! Invariants: Python goes to stdout unless `-o` is given; `--source-map` needs `-o` and writes
//! `OUT.py.map` next to the output, which then ends with `# sourceMappingURL=OUT.py.map`;
//! exit status as `run` (1 compile error, 2 usage, 4 blocking security finding).

use clap::{Args, ValueEnum};
use mlpy::{Error, Grant, Source, TranspileOptions};
use std::path::PathBuf;

/// Where the emitted Python gets its runtime from (spec D3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RuntimeMode {
    /// Embed the prelude and the used stdlib modules: plain `python3` runs the output.
    Embed,
    /// Import the prelude from the installed `mlpy` wheel (`mlpy.runtime.pyprelude`).
    Import,
}

#[derive(Args)]
pub struct TranspileArgs {
    /// The ML file to transpile.
    file: PathBuf,
    /// Write the Python here (default: stdout).
    #[arg(short = 'o', long = "output", value_name = "OUT.py")]
    output: Option<PathBuf>,
    /// Also write a source map v3 as OUT.py.map (needs -o).
    #[arg(long)]
    source_map: bool,
    /// Grant a system capability, baked into the output (e.g. `file.read:./data/*.csv`).
    #[arg(long = "allow", value_name = "GRANT")]
    allow: Vec<String>,
    /// Where the runtime prelude comes from.
    #[arg(long, value_enum, default_value = "embed")]
    runtime: RuntimeMode,
    /// Directory searched by `import a.b;` for `a/b.ml` (repeatable).
    #[arg(long = "import-path", value_name = "DIR")]
    import_path: Vec<PathBuf>,
    /// Maximum active ML calls (also the data-nesting limit), baked into the output.
    #[arg(long, value_name = "N")]
    max_depth: Option<u64>,
    /// Maximum bytes the script may print, baked into the output.
    #[arg(long, value_name = "BYTES")]
    max_output: Option<u64>,
    /// Report security findings without refusing to transpile.
    #[arg(long)]
    no_strict: bool,
    /// Time zone for datetime (default: $TZ at run time, else the host's zone).
    #[arg(long, value_name = "ZONE")]
    tz: Option<String>,
}

pub fn run(args: &TranspileArgs) -> u8 {
    if args.source_map && args.output.is_none() {
        return crate::usage_error(
            "--source-map needs -o OUT.py (the map is written to OUT.py.map)",
        );
    }
    let mut grants = Vec::new();
    for text in &args.allow {
        match Grant::parse(text) {
            Ok(g) => grants.extend(g),
            Err(e) => return crate::usage_error(&e),
        }
    }
    let source = match Source::read(&args.file) {
        Ok(s) => s,
        Err(e) => return crate::report(&e),
    };
    let map_name = args.output.as_ref().map(|o| {
        format!(
            "{}.map",
            o.file_name().map_or_else(
                || o.display().to_string(),
                |n| n.to_string_lossy().into_owned()
            )
        )
    });
    let options = TranspileOptions {
        strict: !args.no_strict,
        open_world: false,
        max_depth: args.max_depth.unwrap_or(1000),
        max_output: args.max_output,
        grants,
        tz: args.tz.clone(),
        source_map: args.source_map,
        output_name: args
            .output
            .as_ref()
            .and_then(|o| o.file_name())
            .map(|n| n.to_string_lossy().into_owned()),
        import_paths: args.import_path.clone(),
        modules: Vec::new(),
        runtime: match args.runtime {
            RuntimeMode::Embed => mlpy::PythonRuntime::Embed,
            RuntimeMode::Import => mlpy::PythonRuntime::Import,
        },
    };
    let out = match mlpy::transpile(&source, &options) {
        Ok(t) => t,
        Err(e) => return crate::report(&e),
    };
    // --no-strict reports the findings strict mode would have refused (D11).
    let blocking: Vec<_> = out
        .findings
        .iter()
        .filter(|f| f.severity.is_blocking())
        .map(mlpy::finding_warning)
        .collect();
    eprint!(
        "{}",
        mlpy::render_diagnostics(&source, &blocking, crate::color())
    );
    let Some(path) = &args.output else {
        print!("{}", out.python);
        return 0;
    };
    let mut python = out.python;
    if let (Some(map), Some(name)) = (&out.source_map, &map_name) {
        let map_path = path.with_file_name(name);
        if let Err(e) = std::fs::write(&map_path, map) {
            return crate::report(&Error::Io {
                name: map_path.display().to_string(),
                message: e.to_string(),
            });
        }
        python.push_str(&format!("# sourceMappingURL={name}\n"));
    }
    if let Err(e) = std::fs::write(path, python) {
        return crate::report(&Error::Io {
            name: path.display().to_string(),
            message: e.to_string(),
        });
    }
    0
}
