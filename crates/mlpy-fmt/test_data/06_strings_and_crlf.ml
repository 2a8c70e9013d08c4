print("a\tb|" + 'it\'s' + "|\d");
s = "line one
   line two  
";
t = "keep   spaces";
u = 1;
