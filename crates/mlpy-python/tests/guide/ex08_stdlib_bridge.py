# Verbatim from python-integration-guide.rst, section "Standard Library Bridge Usage".
def demonstrate_stdlib_bridge():
    """Show how ML code uses Python standard library functions."""

    ml_code = '''
    import collections;
    import math;
    import random;

    // Use Python implementations via ML interface
    numbers = [1, 2, 3, 4, 5];
    doubled = collections.map(numbers, function(x) { return x * 2; });
    total = collections.reduce(doubled, function(a, b) { return a + b; }, 0);

    sqrt_total = math.sqrt(total);
    random_factor = random.randomFloat();

    result = sqrt_total * random_factor;
    print("Final result: " + result);
    '''

    # This ML code automatically uses Python implementations
    # through the mlpy.stdlib bridge system
    python_code, issues, _ = transpile_ml_code(ml_code)

    if python_code:
        print("Generated Python with stdlib bridges:")
        print(python_code)
        exec(python_code)
