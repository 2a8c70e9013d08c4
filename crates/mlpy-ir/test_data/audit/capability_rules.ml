// finding: 7:5 medium overly_broad_capability
// finding: 8:5 medium overly_broad_capability
// finding: 9:5 high dangerous_permission
// finding: 10:5 high dangerous_permission
// finding: 12:5 high dangerous_permission
capability Broad {
    resource "*";
    resource "**";
    allow system;
    allow execute "*";
    allow execute "calc";
    allow system "";
    allow read;
}
