print("1" == 1, null == false, null == 0, "" == false, [] == false); // expect: false false false false false
print(null == null, null != null, null == undefined); // expect: true false true
print([] == {}, "a" == ["a"], 1 == [1]); // expect: false false false
