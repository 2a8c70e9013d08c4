config = {
    a: 10 * 2  // ten times
    // another comment
};
w = config.a // 3;
