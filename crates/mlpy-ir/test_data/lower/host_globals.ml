result = input_data.value * 2;
input_data = {value: 1};
function report() { return config + input_data.value; }
print(result, report(), undeclared_thing);
