capability FileAccess {
    resource "data/*.csv";
    allow read;
    allow execute "calculations";
}
print(1);
