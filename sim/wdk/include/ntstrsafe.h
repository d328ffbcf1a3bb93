/* ksim's stand-in for the WDK's ntstrsafe.h (kept separate from ntifs.h as in the WDK). */
#ifndef KSIM_WDK_NTSTRSAFE_H
#define KSIM_WDK_NTSTRSAFE_H

#include "ksim_wdk/sal.h"
#include "ksim_wdk/strsafe.h"

#endif /* KSIM_WDK_NTSTRSAFE_H */
