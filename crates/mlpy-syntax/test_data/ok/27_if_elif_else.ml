if (x > 1) { a(); } elif (x < 0) { b(); } elif (x == 0) { c(); } else { d(); }
if (y) { e(); }
