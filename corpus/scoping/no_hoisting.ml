print("start"); // expect: start
later(); // expect error: NameError: name 'later' is not defined
function later() { print("never"); }
