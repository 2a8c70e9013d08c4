// The smallest ML program: run it with
//   cargo run --release -p mlpy-cli -- run examples/hello.ml
function greet(name) {
    return "Hello, " + name + "!";
}

print(greet("world"));
