features = {
    enable_logging: true,
    max_upload_size: 10 * 1024 * 1024  // 10MB
};
print(features.max_upload_size); // expect: 10485760
