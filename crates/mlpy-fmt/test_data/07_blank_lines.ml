

a = 1;



b = 2;
function f() {

    c = 3;


    d = 4;

}
e = 5;


