// Pure path strings need no capability (POSIX rules of Python's posixpath).
import path;
print(path.join("a", "b", "c.txt"), path.join("a/", "b"), path.join("a", "/abs", "c"), path.join("", "x")); // expect: a/b/c.txt a/b /abs/c x
print(path.dirname("/a/b/c.txt"), path.dirname("c.txt") == "", path.dirname("/a/b/"), path.dirname("/")); // expect: /a/b true /a/b /
print(path.basename("/a/b/c.txt"), path.basename("/a/b/") == "", path.basename("c")); // expect: c.txt true c
print(path.extname("a.tar.gz"), path.extname(".bashrc") == "", path.extname("dir.d/file") == "", path.extname("x.")); // expect: .gz true true .
print(path.split("/a/b/c.txt"), path.split("c.txt"), path.split("/")); // expect: ['/a/b', 'c.txt'] ['', 'c.txt'] ['/', '']
print(path.normalize("a/./b/../c"), path.normalize(""), path.normalize("/../x"), path.normalize("../../a"), path.normalize("a//b/")); // expect: a/c . /x ../../a a/b
print(path.relative("/a/b", "/a/c/d"), path.relative("/a/b/c", "/a"), path.relative("/a", "/a")); // expect: ../c/d ../.. .
print(path.isAbsolute("/x"), path.isAbsolute("x"), path.isAbsolute("~/x")); // expect: true false false
print(path.separator(), path.delimiter()); // expect: / :
try { path.join(); } except (e) { print(e.type, str(e)); } // expect: TypeError path.join() missing 1 required positional argument: 'a'
try { path.dirname(3); } except (e) { print(e.type, str(e)); } // expect: TypeError path.dirname() argument 1 must be str, not int
print(requiredCapabilities(path.join), requiredCapabilities(path.glob)); // expect: [] ['path.read']
