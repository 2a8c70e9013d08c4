a = true; b = false; c = null; d = undefined; e = True; f = False; g = None; truex = 1;
