a = o.if; b = o.for.in; o.while = 1; c = o.true.false;
