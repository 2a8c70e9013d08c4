result = some_function_name(first_argument_value, second_argument_value, third_argument_value, 4);
short = f(a, b);
nested = outer(inner_function(alpha_value, beta_value, gamma_value), another_inner(delta_value, epsilon));
config = {name: "a fairly long name value", description: "a description that goes on", count: 42};
items.forEach(fn(item) => { print(item.name, item.value, item.description, item.other_field); });
handlers = {on_start: fn() => { print("start"); }, on_stop: fn() => { print("stop"); }, retries: 3};
function long_parameter_list(first_parameter, second_parameter, third_parameter, fourth_param) {
    return [first_parameter, second_parameter, third_parameter, fourth_param, first_parameter];
}
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12], [13, 14, 15], [16, 17, 18], [19, 20]];
if (condition_one && condition_two || some_function_call(argument_one, argument_two, arg_three)) {
    x = 1;
}
