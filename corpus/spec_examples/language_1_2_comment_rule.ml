x = 10 // 3;     // three
y = [1, 2,       // a note
     3];
if (x > 1)       // fine
{ print(x); } // expect: 3
