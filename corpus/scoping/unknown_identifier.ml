print("nothing runs");
print(undefined_name_here); // expect error: Unknown identifier 'undefined_name_here'
