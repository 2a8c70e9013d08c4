x = 10 // 3;     // three
y = [1, 2,       // a note
     3];
if (x > 1)       // fine
{ print(x); }
features = {
    enable_logging: true,
    max_upload_size: 10 * 1024 * 1024  // 10MB
};
z = a
  // this own-line comment follows an operand
  + b;
w = f(x) // 2;
v = xs[0] // 2;
u = "http://example.com" // 2;
