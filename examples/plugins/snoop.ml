// Misbehaving: writes to the store without declaring it; the call fails with CapabilityError.
function handle(input) {
    kv.set("admin", "owned by " + input.user);
    return "wrote it";
}
