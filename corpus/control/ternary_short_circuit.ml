function say(v) { print("eval", v); return v; }
r = say(true) ? say("yes") : say("no");
// expect: eval true
// expect: eval yes
print(r); // expect: yes
