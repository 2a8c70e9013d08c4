capability FileAccess {
    resource "data/*.csv";
    allow read;
    allow execute "calculations";
    allow network 'api.example.com';
}
capability Empty {}
