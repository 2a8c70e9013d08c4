function f(x: number, y: string) { return x; }
