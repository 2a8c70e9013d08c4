// A plugin that needs nothing from the host.
function handle(input) {
    return "Hello, " + input.user + "!";
}
