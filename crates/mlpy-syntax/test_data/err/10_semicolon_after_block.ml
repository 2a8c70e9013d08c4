if (x) { y(); };
