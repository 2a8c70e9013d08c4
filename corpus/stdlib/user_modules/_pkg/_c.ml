// Helper module that imports another user module.
import _pkg._b;
function quad(x) { return _pkg._b.twice(_pkg._b.twice(x)); }
