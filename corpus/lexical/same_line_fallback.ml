// E10: `// 10MB` would be floor division followed by a stray identifier on the same line,
// so it is re-read as a comment.
features = {
    enable_logging: true,
    max_upload_size: 10 * 1024 * 1024  // 10MB
};
print(features.max_upload_size); // expect: 10485760
n = 7 * 3  // twenty one
;
print(n); // expect: 21
m = 9 // 2;
print(m); // expect: 4
