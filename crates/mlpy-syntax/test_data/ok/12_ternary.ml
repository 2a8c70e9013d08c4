x = a ? b : c ? d : e;
y = a || b ? 1 : 2;
z = (a ? b : c) ? d : e;
w = a ? b ? 1 : 2 : 3;
