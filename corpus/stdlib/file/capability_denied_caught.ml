import file;
try { file.read("/etc/hostname"); } except (e) { print(e.type); } // expect: CapabilityError
print("continues"); // expect: continues
