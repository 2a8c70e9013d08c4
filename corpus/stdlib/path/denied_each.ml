// No system grant: every filesystem function of `path` raises CapabilityError.
import path;
function show(f) { try { f(); } except (e) { print(e.type + ": " + str(e)); } }
show(fn() => path.absolute("/tmp/x")); // expect: CapabilityError: path.absolute() requires capability 'path.read' for '/tmp/x'
show(fn() => path.exists("/etc")); // expect: CapabilityError: path.exists() requires capability 'path.read' for '/etc'
show(fn() => path.isFile("/etc/passwd")); // expect: CapabilityError: path.isFile() requires capability 'path.read' for '/etc/passwd'
show(fn() => path.isDirectory("/etc")); // expect: CapabilityError: path.isDirectory() requires capability 'path.read' for '/etc'
show(fn() => path.listDir("/")); // expect: CapabilityError: path.listDir() requires capability 'path.read' for '/'
show(fn() => path.glob("/etc/*")); // expect: CapabilityError: path.glob() requires capability 'path.read'
show(fn() => path.walk("/etc")); // expect: CapabilityError: path.walk() requires capability 'path.read' for '/etc'
show(fn() => path.createDir("/tmp/nope")); // expect: CapabilityError: path.createDir() requires capability 'path.write' for '/tmp/nope'
show(fn() => path.removeDir("/tmp/nope")); // expect: CapabilityError: path.removeDir() requires capability 'path.write' for '/tmp/nope'
show(fn() => path.removeDirRecursive("/tmp/nope")); // expect: CapabilityError: path.removeDirRecursive() requires capability 'path.write' for '/tmp/nope'
try { path.cwd(); } except (e) { print(e.type); } // expect: CapabilityError
try { path.home(); } except (e) { print(e.type); } // expect: CapabilityError
try { path.tempDir(); } except (e) { print(e.type); } // expect: CapabilityError
path.listDir("/"); // expect error: CapabilityError: path.listDir() requires capability 'path.read' for '/'
