// allow: file.*:/tmp/mlpy-corpus/**
// allow: path.*:/tmp/mlpy-corpus/**
import file;
import path;
import crypto;
// A directory of its own per run: the VM and Python halves of the corpus run concurrently.
d = "/tmp/mlpy-corpus/file-err-" + crypto.random_hex(8);
if (path.exists(d)) { path.removeDirRecursive(d); }
path.createDir(d + "/dir");
function show(f) { try { f(); } except (e) { print(e.type + ": " + str(e).replace(d, "D")); } }
show(fn() => file.read(d + "/missing.txt")); // expect: FileNotFoundError: [Errno 2] No such file or directory: 'D/missing.txt'
show(fn() => file.read(d + "/dir")); // expect: IsADirectoryError: [Errno 21] Is a directory: 'D/dir'
show(fn() => file.delete(d + "/dir")); // expect: ValueError: Not a file: D/dir (use path.removeDir for directories)
show(fn() => file.size(d + "/missing.txt")); // expect: FileNotFoundError: [Errno 2] No such file or directory: 'D/missing.txt'
show(fn() => file.modifiedTime(d + "/missing.txt")); // expect: FileNotFoundError: [Errno 2] No such file or directory: 'D/missing.txt'
show(fn() => file.write(d + "/x.txt", 42)); // expect: TypeError: file.write() argument 2 must be str, not int
show(fn() => file.read(42)); // expect: TypeError: file.read() argument 1 must be str, not int
show(fn() => file.read(d + "/x.txt", "klingon")); // expect: ValueError: unknown encoding: klingon
show(fn() => file.writeBytes(d + "/x.bin", [1, 300])); // expect: ValueError: bytes must be in range(0, 256)
show(fn() => file.writeBytes(d + "/x.bin", "text")); // expect: TypeError: file.writeBytes() argument 2 must be bytes or an array of ints, not str
file.writeBytes(d + "/bad.txt", [255, 254]);
show(fn() => file.read(d + "/bad.txt")); // expect: ValueError: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte
show(fn() => file.write(d + "/a.txt", "ü", "ascii")); // expect: ValueError: 'ascii' codec can't encode character '\u00fc' in position 0: ordinal not in range(128)
show(fn() => file.copy(d + "/missing.txt", d + "/y.txt")); // expect: FileNotFoundError: [Errno 2] No such file or directory: 'D/missing.txt'
show(fn() => file.read()); // expect: TypeError: file.read() takes at least 1 argument (0 given)
show(fn() => file.write(d + "/dir", "x")); // expect: IsADirectoryError: [Errno 21] Is a directory: 'D/dir'
path.removeDirRecursive(d);
