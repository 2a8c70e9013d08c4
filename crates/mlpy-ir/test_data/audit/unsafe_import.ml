// finding: 5:1 critical unsafe_import
// finding: 6:1 critical unsafe_import
// finding: 7:1 critical unsafe_import
// finding: 7:8 critical dunder_identifier
import os;
import subprocess.run as sp;
import __builtin__;
import osmosis;
