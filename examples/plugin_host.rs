//! A plugin host: loads every `.ml` file of `examples/plugins/` (or the folder given), grants
//! each plugin only the host capabilities its `capability` block declares, calls each plugin's
//! `handle(input)` twice, and keeps going when a plugin does not compile, loops for ever, or
//! reaches for a capability it did not declare.
//!
//!     cargo run --example plugin_host [DIR]

use mlpy::{Engine, HostError, HostFn, HostModule, Instance, Limits, RunOptions, Value};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

type Store = Arc<Mutex<HashMap<String, Value>>>;

/// Host capabilities a plugin may ask for: `allow read "kv"` → `kv.read`.
const OFFERED: &[&str] = &["kv.read", "kv.write"];

/// The `kv` module every plugin sees; each member needs its capability.
fn kv_module(store: &Store) -> HostModule {
    let (get_store, set_store) = (store.clone(), store.clone());
    HostModule::new("kv")
        .doc("The host's shared key-value store")
        .host_fn(
            "get",
            HostFn::new(move |key: String| {
                let map = get_store
                    .lock()
                    .map_err(|_| HostError::new("store poisoned"))?;
                Ok(map.get(&key).cloned().unwrap_or(Value::Null))
            })
            .requires("kv.read")
            .doc("kv.get(key): the stored value or null"),
        )
        .host_fn(
            "set",
            HostFn::new(move |key: String, value: Value| {
                let mut map = set_store
                    .lock()
                    .map_err(|_| HostError::new("store poisoned"))?;
                map.insert(key, value);
                Ok(())
            })
            .requires("kv.write")
            .doc("kv.set(key, value)"),
        )
}

struct Plugin {
    name: String,
    instance: Instance,
}

fn load(path: &Path, store: &Store) -> Result<Plugin, mlpy::Error> {
    let mut engine = Engine::new();
    engine.register_module(kv_module(store))?;
    let program = engine.compile_file(path)?;
    // The plugin's request for grants: its capability declarations, filtered by what we offer.
    for decl in &program.ir().capabilities {
        for (permission, target) in &decl.allows {
            let wanted = format!("{}.{permission}", target.as_deref().unwrap_or(""));
            if OFFERED.contains(&wanted.as_str()) {
                engine.grant_capability(&wanted);
            }
        }
    }
    let limits = Limits {
        fuel: Some(200_000),
        timeout: Some(Duration::from_secs(2)),
        memory: 16 << 20,
        ..Limits::untrusted()
    };
    let instance = engine.instantiate(&program, RunOptions::with_limits(limits))?;
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Plugin { name, instance })
}

fn main() {
    let dir = std::env::args_os().nth(1).map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/plugins"),
        PathBuf::from,
    );
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "ml"));
    files.sort();

    let store: Store = Arc::default();
    let mut plugins = Vec::new();
    for file in &files {
        match load(file, &store) {
            Ok(plugin) => plugins.push(plugin),
            Err(e) => eprintln!("skipping {}:\n{}", file.display(), e.render(false)),
        }
    }
    for round in 1..=2 {
        for plugin in &mut plugins {
            if !plugin.instance.has_function("handle") {
                println!("[{}] has no handle()", plugin.name);
                continue;
            }
            let input = mlpy::to_value(&serde_json::json!({"user": "ada", "round": round}))
                .unwrap_or_default();
            match plugin.instance.call("handle", &[input]) {
                Ok(v) => println!(
                    "[{}] round {round}: {}",
                    plugin.name,
                    serde_json::Value::from(v)
                ),
                Err(e) => println!("[{}] round {round} failed: {e}", plugin.name),
            }
        }
    }
    let kv = store.lock().map(|m| m.len()).unwrap_or(0);
    println!(
        "host still healthy: {} plugins loaded, {kv} keys stored",
        plugins.len()
    );
}
