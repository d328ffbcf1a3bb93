/* Drivers written on Windows spell it either way; Linux file names are case-sensitive. */
#include "ntifs.h"
