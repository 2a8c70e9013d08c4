s = "text";
n = s.size; // expect error: AttributeError: 'str' object has no accessible attribute 'size'
