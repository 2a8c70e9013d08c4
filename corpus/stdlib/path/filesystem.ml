// allow: path.*:/tmp/mlpy-corpus/**
// allow: file.write:/tmp/mlpy-corpus/**
import path;
import file;
import crypto;
// A directory of its own per run: the VM and Python halves of the corpus run concurrently.
d = "/tmp/mlpy-corpus/path-fs-" + crypto.random_hex(8);
if (path.exists(d)) { path.removeDirRecursive(d); }
print(path.createDir(d + "/a/b/c"), path.createDir(d + "/a/b/c")); // expect: None None
file.write(d + "/a/one.txt", "1");
file.write(d + "/a/b/two.csv", "2");
file.write(d + "/a/b/c/three.txt", "3");
file.write(d + "/z.txt", "z");
print(path.listDir(d), path.listDir(d + "/a")); // expect: ['a', 'z.txt'] ['b', 'one.txt']
print(path.walk(d)); // expect: ['a/b/c/three.txt', 'a/b/two.csv', 'a/one.txt', 'z.txt']
print(path.walk(d, 0), path.walk(d, 1)); // expect: ['z.txt'] ['a/one.txt', 'z.txt']
print(str(path.glob(d + "/*.txt")).replace(d, "D")); // expect: ['D/z.txt']
print(str(path.glob(d + "/**/*.txt")).replace(d, "D")); // expect: ['D/a/b/c/three.txt', 'D/a/one.txt', 'D/z.txt']
print(str(path.glob(d + "/a/*/*.csv")).replace(d, "D"), path.glob(d + "/nothing*")); // expect: ['D/a/b/two.csv'] []
print(path.exists(d + "/a"), path.isFile(d + "/a"), path.isDirectory(d + "/a"), path.isFile(d + "/z.txt")); // expect: true false true true
print(path.absolute(d + "/a/../z.txt").replace(d, "D"), path.absolute(d + "/./a").replace(d, "D")); // expect: D/z.txt D/a
function show(f) { try { f(); } except (e) { print(e.type + ": " + str(e).replace(d, "D")); } }
show(fn() => path.listDir(d + "/z.txt")); // expect: NotADirectoryError: Not a directory: D/z.txt
show(fn() => path.listDir(d + "/missing")); // expect: FileNotFoundError: [Errno 2] No such file or directory: 'D/missing'
show(fn() => path.removeDir(d + "/a")); // expect: OSError: [Errno 39] Directory not empty: 'D/a'
show(fn() => path.createDir(d + "/z.txt")); // expect: FileExistsError: [Errno 17] File exists: 'D/z.txt'
try { path.cwd(); } except (e) { print(e.type); } // expect: CapabilityError
path.removeDirRecursive(d);
path.removeDir(d + "/a/b/c/../c/../../b/c/../c"); // expect error: FileNotFoundError: [Errno 2] No such file or directory
