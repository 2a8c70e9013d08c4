a = "double"; b = 'single'; c = "esc \n \t \" \' \\ \d \u0041 \x41";
d = "multi
line";
e = "http://x";
