// Misbehaving: does not even parse; the host reports it and loads the others.
function handle(input) {
    return input.user +;
}
