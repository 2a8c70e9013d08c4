print(math.sqrt(16), json.dumps([1]), builtin.len([1]));
random = 5;
function use_random() { return random + 1; }
function local_console() { console = 1; return console; }
print(random, use_random(), console.log("x"));
