// A plugin that asks the host for its key-value store (granted because it declares it).
capability Store {
    allow read "kv";
    allow write "kv";
}

function handle(input) {
    seen = kv.get(input.user);
    count = 1;
    if (seen != null) {
        count = seen + 1;
    }
    kv.set(input.user, count);
    return {user: input.user, visits: count};
}
