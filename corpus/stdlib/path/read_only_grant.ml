// allow: path.read
// path.read alone: queries work, creation is denied.
import path;
print(path.isAbsolute(path.cwd()), path.isAbsolute(path.home()), path.isAbsolute(path.tempDir())); // expect: true true true
print(path.isDirectory("corpus/stdlib"), path.exists("corpus/stdlib/_data.txt"), path.isFile("corpus/stdlib/_data.txt")); // expect: true true true
print(path.absolute("corpus/stdlib/../stdlib") == path.cwd() + "/corpus/stdlib"); // expect: true
print(path.listDir("corpus/stdlib/http")); // expect: ['denied.ml', 'helpers.ml']
print(path.walk("corpus/stdlib/http")); // expect: ['denied.ml', 'helpers.ml']
try { path.createDir("/tmp/mlpy-corpus-nope"); } except (e) { print(e.type); } // expect: CapabilityError
