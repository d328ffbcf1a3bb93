// test_sim compares against the seed's goldens with the shared comparison.
#include "support/golden_diff.cpp"
