nonlocal ;
import ;
import a. as;
