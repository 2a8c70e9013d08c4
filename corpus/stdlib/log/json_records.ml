import log;
log.set_format("json");
log.set_timestamp(false);
log.info("started", {port: 8080}); // expect: {"message": "started", "level": "INFO", "logger": "default", "data": {"port": 8080}}
log.debug("hidden");
print(log.is_debug()); // expect: false
log.set_level("debug");
print(log.is_debug()); // expect: true
log.debug("shown", {}); // expect: {"message": "shown", "level": "DEBUG", "logger": "default"}
log.warn("w", null); // expect: {"message": "w", "level": "WARN", "logger": "default"}
log.error("é", {list: [1, true]}); // expect: {"message": "\u00e9", "level": "ERROR", "logger": "default", "data": {"list": [1, true]}}
log.set_level("ERROR");
log.warn("dropped");
log.critical(5); // expect: {"message": 5, "level": "CRITICAL", "logger": "default"}
log.set_level("nonsense");
log.info("back to info"); // expect: {"message": "back to info", "level": "INFO", "logger": "default"}
app = log.create_logger("app");
print(typeof(app)); // expect: Logger
app.set_format("json");
app.set_timestamp(false);
app.warn("from app"); // expect: {"message": "from app", "level": "WARN", "logger": "app"}
same = log.create_logger("app");
same.info("same state"); // expect: {"message": "same state", "level": "INFO", "logger": "app"}
print(app.is_debug(), requiredCapabilities(log.info), requiredCapabilities(log.add_file)); // expect: false ['log.write'] ['log.write', 'file.write']
try { log.info("x", [1]); } except (e) { print(e.type); } // expect: TypeError
try { log.add_file("/tmp/mlpy-log-test.txt"); } except (e) { print(e.type); } // expect: CapabilityError
