capability C { allow fly; deny read; resource 5; allow read }
x = 1;
