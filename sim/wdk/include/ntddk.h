/* ksim models one kernel surface; ntddk.h and wdm.h are views of it. */
#include "ntifs.h"
