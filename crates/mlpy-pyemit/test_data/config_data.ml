// A data-only program: emitted flat, no prelude (python-api.md P-163).
max_size = 10 * 1024 * 1024;  // 10MB
name = "service";
ratio = 3 / 4;
limits = {retries: 3, hosts: ["a", "b"], debug: false, none: null};
