print("nothing runs");
not_defined_anywhere(1); // expect error: Unknown identifier 'not_defined_anywhere'
