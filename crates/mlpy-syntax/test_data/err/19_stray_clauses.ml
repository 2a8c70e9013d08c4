else { x = 1; }
except (e) { y = 2; }
elif (c) {}
finally {}
