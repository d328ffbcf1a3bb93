// tests/CMakeLists.txt builds tests/viz/*.cpp only; the shared golden comparison is compiled in here.
#include "support/golden_diff.cpp"
