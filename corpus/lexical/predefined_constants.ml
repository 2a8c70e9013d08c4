print(null, undefined, True, False, None); // expect: None None true false None
print(null == undefined, None == null, True == true, False == false); // expect: true true true true
print([True, None, undefined]); // expect: [True, None, None]
print(typeof(None), typeof(True)); // expect: unknown boolean
