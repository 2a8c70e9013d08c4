// Misbehaving: never returns; the host's fuel limit stops each call.
function handle(input) {
    n = 0;
    while (true) {
        n = n + 1;
    }
}
