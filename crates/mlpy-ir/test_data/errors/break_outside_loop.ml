// error: 3:1 'break' outside loop
// error: 4:31 'break' outside loop
break;
while (true) { function f() { break; } f(); break; }
