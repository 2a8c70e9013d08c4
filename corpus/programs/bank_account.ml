function make_account(owner, balance) {
    history = [];
    function record(kind, amount) { history.append({kind: kind, amount: amount}); }
    return {
        owner: owner,
        deposit: fn(amount) => {
            if (amount <= 0) { throw {message: "invalid amount", type: "ValueError", amount: amount}; }
            nonlocal balance;
            balance = balance + amount;
            record("deposit", amount);
            return balance;
        },
        withdraw: fn(amount) => {
            nonlocal balance;
            if (amount > balance) { throw {message: "insufficient funds: " + balance + " < " + amount}; }
            balance = balance - amount;
            record("withdraw", amount);
            return balance;
        },
        balance: fn() => balance,
        history: fn() => history
    };
}
acc = make_account("Ada", 100);
acc.deposit(50);
acc.withdraw(30);
try { acc.withdraw(500); } except (e) { print(str(e)); } // expect: insufficient funds: 120 < 500
try { acc.deposit(-5); } except (e) { print(e.type, e.amount); } // expect: ValueError -5
print(acc.owner, acc.balance(), len(acc.history())); // expect: Ada 120 2
print(acc.history()[1]); // expect: {'kind': 'withdraw', 'amount': 30}
