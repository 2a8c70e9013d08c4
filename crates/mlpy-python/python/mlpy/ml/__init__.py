"""The ML language front door: transpiler functions and errors."""
