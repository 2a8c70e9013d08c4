queue = [];
log = [];
for (t = 0; t < 6; t = t + 1) {
    if (t % 2 == 0) { queue.append("job" + t); }
    if (t % 3 == 2 && queue) { log.append(queue.pop(0)); }
}
print(log, queue); // expect: ['job0', 'job2'] ['job4']
