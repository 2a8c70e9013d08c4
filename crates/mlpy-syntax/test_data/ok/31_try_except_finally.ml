try { a(); } except (e) { b(e); } finally { c(); }
try { a(); } except { b(); }
try { a(); } finally { c(); }
try { a(); }
try { a(); } except (e) { b(); } except { c(); }
