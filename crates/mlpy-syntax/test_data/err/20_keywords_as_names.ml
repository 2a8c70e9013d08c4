if = 1;
function for() {}
x.if = 2;
