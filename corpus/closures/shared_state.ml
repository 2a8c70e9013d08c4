function account(balance) {
    function deposit(v) { nonlocal balance; balance = balance + v; return balance; }
    function get() { return balance; }
    return {deposit: deposit, get: get};
}
acc = account(10);
acc.deposit(5);
acc.deposit(7);
print(acc.get()); // expect: 22
other = account(0);
print(other.get(), acc.get()); // expect: 0 22
