read = 1; allow = 2; resource = read + allow; write = system.execute(network);
