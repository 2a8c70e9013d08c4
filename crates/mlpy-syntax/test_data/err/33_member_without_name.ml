x = a.;
y = a.5;
