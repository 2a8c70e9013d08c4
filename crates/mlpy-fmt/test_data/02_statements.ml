import math;import a.b.c as d;
capability FileAccess{resource "data/*.csv";allow read;allow execute "calc";}
capability Empty {}
function f(a:int,b,...rest){if(a){return;}elif(b){return 1;}else{return f(b,a);}}
while(true){break;}
for(x in xs){continue;}
for(i=0;i<10;i=i+1){print(i);}
for(;;){break;}
try{risky();}except(e){print(e);}except{pass();}finally{done();}
function g() {
  nonlocal_thing = 1;
  function inner() { nonlocal nonlocal_thing, other; }
}
throw {message:"bad",code:2};
if (x) {} else {}
