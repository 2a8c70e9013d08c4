// Service configuration written in ML (read by examples/config.rs into a typed Rust struct).
// Plain data plus what a config language needs: shared constants, arithmetic, functions, loops.
env = "staging";
base_port = 8000;

function host(i) {
    return "node" + str(i) + "." + env + ".internal";
}

hosts = [];
for (i in range(3)) {
    hosts.append(host(i));
}

result = {
    name: "orders",
    port: base_port + 80,
    workers: 2 * len(hosts),
    hosts: hosts,
    timeout_secs: 2.5,
    tls: env != "dev",
    retry: {attempts: 3, backoff_ms: [100, 200, 400]}
};
