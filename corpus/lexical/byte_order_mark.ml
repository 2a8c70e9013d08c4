print("bom ignored"); // expect: bom ignored
