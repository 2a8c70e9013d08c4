print(str(1), str(1.5), str("s"), str([1, "s"]), str({}), str(false)); // expect: 1 1.5 s [1, 's'] {} false
s = str(true) + "|" + str(null) + "|" + str(-0.0);
print(s, len(s)); // expect: true|None|-0.0 14
