// allow: path.*:/tmp/mlpy-corpus/path-fs/**
// allow: file.write:/tmp/mlpy-corpus/path-fs/**
import path;
import file;
d = "/tmp/mlpy-corpus/path-fs";
if (path.exists(d)) { path.removeDirRecursive(d); }
print(path.createDir(d + "/a/b/c"), path.createDir(d + "/a/b/c")); // expect: None None
file.write(d + "/a/one.txt", "1");
file.write(d + "/a/b/two.csv", "2");
file.write(d + "/a/b/c/three.txt", "3");
file.write(d + "/z.txt", "z");
print(path.listDir(d), path.listDir(d + "/a")); // expect: ['a', 'z.txt'] ['b', 'one.txt']
print(path.walk(d)); // expect: ['a/b/c/three.txt', 'a/b/two.csv', 'a/one.txt', 'z.txt']
print(path.walk(d, 0), path.walk(d, 1)); // expect: ['z.txt'] ['a/one.txt', 'z.txt']
print(path.glob(d + "/*.txt")); // expect: ['/tmp/mlpy-corpus/path-fs/z.txt']
print(path.glob(d + "/**/*.txt")); // expect: ['/tmp/mlpy-corpus/path-fs/a/b/c/three.txt', '/tmp/mlpy-corpus/path-fs/a/one.txt', '/tmp/mlpy-corpus/path-fs/z.txt']
print(path.glob(d + "/a/*/*.csv"), path.glob(d + "/nothing*")); // expect: ['/tmp/mlpy-corpus/path-fs/a/b/two.csv'] []
print(path.exists(d + "/a"), path.isFile(d + "/a"), path.isDirectory(d + "/a"), path.isFile(d + "/z.txt")); // expect: true false true true
print(path.absolute(d + "/a/../z.txt"), path.absolute("/tmp/mlpy-corpus/path-fs/./a")); // expect: /tmp/mlpy-corpus/path-fs/z.txt /tmp/mlpy-corpus/path-fs/a
function show(f) { try { f(); } except (e) { print(e.type + ": " + str(e)); } }
show(fn() => path.listDir(d + "/z.txt")); // expect: NotADirectoryError: Not a directory: /tmp/mlpy-corpus/path-fs/z.txt
show(fn() => path.listDir(d + "/missing")); // expect: FileNotFoundError: [Errno 2] No such file or directory: '/tmp/mlpy-corpus/path-fs/missing'
show(fn() => path.removeDir(d + "/a")); // expect: OSError: [Errno 39] Directory not empty: '/tmp/mlpy-corpus/path-fs/a'
show(fn() => path.createDir(d + "/z.txt")); // expect: FileExistsError: [Errno 17] File exists: '/tmp/mlpy-corpus/path-fs/z.txt'
try { path.cwd(); } except (e) { print(e.type); } // expect: CapabilityError
path.removeDir(d + "/a/b/c/../c/../../b/c/../c") ; // expect error: OSError
