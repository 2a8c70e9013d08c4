x = 1; // after a BOM
