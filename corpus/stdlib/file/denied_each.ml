// No system grant: every file function raises a CapabilityError naming capability and path.
import file;
function show(f) { try { f(); } except (e) { print(e.type + ": " + str(e)); } }
show(fn() => file.read("/etc/hostname")); // expect: CapabilityError: file.read() requires capability 'file.read' for '/etc/hostname'
show(fn() => file.readBytes("/etc/hostname")); // expect: CapabilityError: file.readBytes() requires capability 'file.read' for '/etc/hostname'
show(fn() => file.readLines("/etc/hostname")); // expect: CapabilityError: file.readLines() requires capability 'file.read' for '/etc/hostname'
show(fn() => file.write("/tmp/x/../y.txt", "a")); // expect: CapabilityError: file.write() requires capability 'file.write' for '/tmp/y.txt'
show(fn() => file.writeBytes("/tmp/y.bin", [1])); // expect: CapabilityError: file.writeBytes() requires capability 'file.write' for '/tmp/y.bin'
show(fn() => file.writeLines("/tmp/y.txt", ["a"])); // expect: CapabilityError: file.writeLines() requires capability 'file.write' for '/tmp/y.txt'
show(fn() => file.append("/tmp/y.txt", "a")); // expect: CapabilityError: file.append() requires capability 'file.append' for '/tmp/y.txt'
show(fn() => file.delete("/tmp/y.txt")); // expect: CapabilityError: file.delete() requires capability 'file.delete' for '/tmp/y.txt'
show(fn() => file.copy("/etc/hostname", "/tmp/y.txt")); // expect: CapabilityError: file.copy() requires capability 'file.write' for '/tmp/y.txt'
show(fn() => file.move("/tmp/a.txt", "/tmp/y.txt")); // expect: CapabilityError: file.move() requires capability 'file.read' for '/tmp/a.txt'
show(fn() => file.exists("/etc")); // expect: CapabilityError: file.exists() requires capability 'path.read' for '/etc'
show(fn() => file.isFile("/etc/hostname")); // expect: CapabilityError: file.isFile() requires capability 'path.read' for '/etc/hostname'
show(fn() => file.isDirectory("/etc")); // expect: CapabilityError: file.isDirectory() requires capability 'path.read' for '/etc'
show(fn() => file.size("/etc/hostname")); // expect: CapabilityError: file.size() requires capability 'path.read' for '/etc/hostname'
show(fn() => file.modifiedTime("/etc/hostname")); // expect: CapabilityError: file.modifiedTime() requires capability 'path.read' for '/etc/hostname'
print(requiredCapabilities(file.read), requiredCapabilities(file.move)); // expect: ['file.read'] ['file.read', 'file.write', 'file.delete']
