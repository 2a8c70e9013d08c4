// allow: file.*:/tmp/mlpy-corpus/**
// allow: path.*:/tmp/mlpy-corpus/**
// Every file function on a scratch directory, granted by pattern.
import file;
import path;
import crypto;
// A directory of its own per run: the VM and Python halves of the corpus run concurrently.
d = "/tmp/mlpy-corpus/file-rw-" + crypto.random_hex(8);
if (path.exists(d)) { path.removeDirRecursive(d); }
print(file.write(d + "/sub/a.txt", "one\r\ntwo\rthree\n")); // expect: None
print(file.read(d + "/sub/a.txt")); // expect: one
// expect: two
// expect: three
// expect:
print(file.readLines(d + "/sub/a.txt")); // expect: ['one', 'two', 'three']
file.append(d + "/sub/a.txt", "four");
file.append(d + "/new/b.txt", "created");
print(file.read(d + "/new/b.txt"), file.size(d + "/sub/a.txt")); // expect: created 19
print(file.exists(d + "/sub"), file.isFile(d + "/sub"), file.isDirectory(d + "/sub")); // expect: true false true
print(file.exists(d + "/none"), file.isFile(d + "/none"), file.isDirectory(d + "/none")); // expect: false false false
print(typeof(file.modifiedTime(d + "/sub/a.txt")), file.modifiedTime(d + "/sub/a.txt") > 1000000000); // expect: number true
file.writeLines(d + "/lines.txt", ["x", 2, true, null]);
print(file.readLines(d + "/lines.txt")); // expect: ['x', '2', 'True', 'None']
file.writeBytes(d + "/b.bin", [104, 105, 0, 255]);
print(file.readBytes(d + "/b.bin"), len(file.readBytes(d + "/b.bin"))); // expect: b'hi\x00\xff' 4
file.writeBytes(d + "/c.bin", file.readBytes(d + "/b.bin"));
print(file.size(d + "/c.bin")); // expect: 4
file.write(d + "/lat.txt", "café", "latin-1");
print(file.size(d + "/lat.txt"), file.read(d + "/lat.txt", "latin-1")); // expect: 4 café
file.copy(d + "/new/b.txt", d + "/copied/c.txt");
print(file.read(d + "/copied/c.txt")); // expect: created
file.move(d + "/copied/c.txt", d + "/moved/m.txt");
print(file.exists(d + "/copied/c.txt"), file.read(d + "/moved/m.txt")); // expect: false created
print(file.delete(d + "/moved/m.txt"), file.delete(d + "/moved/m.txt")); // expect: true false
file.write(d + "/sub/a.txt", "replaced");
print(file.read(d + "/sub/a.txt")); // expect: replaced
path.removeDirRecursive(d);
print(path.exists(d)); // expect: false
