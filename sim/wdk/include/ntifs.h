/* ksim's stand-in for the WDK's ntifs.h: the whole kernel surface ksim models, for driver
 * C compiled with gcc -std=gnu11 -fshort-wchar, and for ksim's own C++ (KSIM_IMPLEMENTATION).
 * Layouts follow x64 Windows 11 22H2 (build 22621). */
#ifndef KSIM_WDK_NTIFS_H
#define KSIM_WDK_NTIFS_H

#include "ksim_wdk/base.h"
#include "ksim_wdk/sal.h"
#include "ksim_wdk/types.h"
#include "ksim_wdk/ntstatus.h"
#include "ksim_wdk/bugcodes.h"
#include "ksim_wdk/dbg.h"
#include "ksim_wdk/list.h"
#include "ksim_wdk/rtl.h"
#include "ksim_wdk/ke.h"
#include "ksim_wdk/ex.h"
#include "ksim_wdk/io.h"
#include "ksim_wdk/ps.h"
/* Last: turns the DDIs declared above into call-site-recording macros in driver code. */
#include "ksim_wdk/callsite.h"

#endif /* KSIM_WDK_NTIFS_H */
