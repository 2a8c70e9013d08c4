x	=	1	;
y =
  [ 1 ,
    2 ]
  ;
print( x , y ) ; // expect: 1 [1, 2]
function   f ( a , b )   {   return a+b ;   }
print(f(1,2)); // expect: 3
