collections.append(items, 1);
pos = "mail@x".indexOf("@");
cfg = {debug: True, level: None};
try { x(); } except (e) { print(e.message, e.code); }
