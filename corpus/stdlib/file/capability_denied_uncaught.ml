import file;
print("before"); // expect: before
text = file.read("/etc/hostname"); // expect error: CapabilityError
