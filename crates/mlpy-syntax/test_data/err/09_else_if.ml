if (a) { x(); } else if (b) { y(); }
