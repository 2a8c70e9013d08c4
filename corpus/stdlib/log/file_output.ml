// allow: file.write
// allow: file.read
// allow: file.delete
import log;
import file;
path = "/tmp/mlpy-corpus-log-file-output.txt";
try { file.delete(path); } except (e) { }
log.set_format("json");
log.set_timestamp(false);
log.add_file(path);
log.error("json line", {k: [1]}); // expect: {"message": "json line", "level": "ERROR", "logger": "default", "data": {"k": [1]}}
other = log.create_logger("other");
other.set_format("json");
other.set_timestamp(false);
other.info("not in the file"); // expect: {"message": "not in the file", "level": "INFO", "logger": "other"}
log.warn("second"); // expect: {"message": "second", "level": "WARN", "logger": "default"}
print(file.read(path).split("\n")); // expect: ['{"message": "json line", "level": "ERROR", "logger": "default", "data": {"k": [1]}}', '{"message": "second", "level": "WARN", "logger": "default"}', '']
file.delete(path);
