r = regex.match("\\d{2}", s);
p = "\d+";
ok = sep == "\\";
