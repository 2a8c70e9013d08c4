// finding: 6:5 medium suspicious_string
// finding: 7:5 medium suspicious_string
// finding: 8:5 medium suspicious_string
// finding: 9:5 medium suspicious_string
// finding: 10:5 medium suspicious_string
a = "please OPEN (the door)";
b = 'os.system("ls")';
c = "subprocess.call";
d = "EvAl  (";
e = "__import__('x')";
ok = "evaluate(x) and opener";
