print(1 < 2, 2 < 1, 1 <= 1, 1 >= 2, 3 > 2.5, 2.5 >= 2.5); // expect: true false true false true true
print(1 == 1.0, 1 != 1.0, 2 != 3); // expect: true false true
nan = float("nan");
print(nan < 1, nan > 1, nan == nan, nan != nan, nan <= nan); // expect: false false false true false
print(1 < 2 < 3, 3 > 2 > 1); // expect: true false
print(float("inf") > 1e308, -float("inf") < -1e308); // expect: true true
