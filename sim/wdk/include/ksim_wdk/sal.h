/* ksim WDK shim: SAL and driver annotations. They only feed MSVC's static analysis,
 * so every one expands to nothing. */
#ifndef KSIM_WDK_SAL_H
#define KSIM_WDK_SAL_H

#include "base.h"

/* Driver code only: libstdc++ uses these names for its own identifiers. */
#if KSIM_WDK_DRIVER_MODE
#define IN
#define OUT
#define OPTIONAL
#endif

/* Parameters. */
#define _In_
#define _Out_
#define _Inout_
#define _In_opt_
#define _Out_opt_
#define _Inout_opt_
#define _In_z_
#define _In_opt_z_
#define _Inout_z_
#define _In_reads_(n)
#define _In_reads_opt_(n)
#define _In_reads_bytes_(n)
#define _In_reads_bytes_opt_(n)
#define _In_reads_z_(n)
#define _In_range_(lo, hi)
#define _Out_range_(lo, hi)
#define _Out_writes_(n)
#define _Out_writes_opt_(n)
#define _Out_writes_z_(n)
#define _Out_writes_bytes_(n)
#define _Out_writes_bytes_opt_(n)
#define _Out_writes_to_(n, c)
#define _Out_writes_bytes_to_(n, c)
#define _Out_writes_all_(n)
#define _Out_writes_bytes_all_(n)
#define _Inout_updates_(n)
#define _Inout_updates_opt_(n)
#define _Inout_updates_bytes_(n)
#define _Inout_updates_bytes_opt_(n)
#define _Outptr_
#define _Outptr_opt_
#define _Outptr_result_maybenull_
#define _Outptr_opt_result_maybenull_
#define _Outptr_result_buffer_(n)
#define _Outptr_result_bytebuffer_(n)
#define _Outptr_result_nullonfailure_
#define _Deref_out_range_(lo, hi)
#define _Reserved_
#define _Pre_notnull_
#define _Pre_maybenull_
#define _Pre_null_
#define _Pre_satisfies_(c)
#define _Post_satisfies_(c)
#define _Post_invalid_
#define _Post_ptr_invalid_
#define _Post_writable_byte_size_(n)
#define _Pre_
#define _Post_
#define _Notnull_
#define _Maybenull_
#define _Null_terminated_
#define _NullNull_terminated_
#define _Printf_format_string_
#define _Printf_format_string_params_(n)
#define _Scanf_format_string_
#define _Literal_
#define _Notliteral_
#define _Points_to_data_
#define _Interlocked_operand_
#define _Strict_type_match_
#define _Frees_ptr_
#define _Frees_ptr_opt_
#define _Param_(n)
#define _Writable_bytes_(n)
#define _Readable_bytes_(n)

/* Functions and results. */
#define _Check_return_
#define _Must_inspect_result_
#define _Success_(expr)
#define _Return_type_success_(expr)
#define _Ret_maybenull_
#define _Ret_notnull_
#define _Ret_range_(lo, hi)
#define _Result_nullonfailure_
#define _Use_decl_annotations_
#define _Function_class_(name)
#define _Dispatch_type_(major)
#define _When_(cond, anno)
#define _At_(target, anno)
#define _At_buffer_(target, i, n, anno)
#define _Always_(anno)
#define _On_failure_(anno)
#define _Analysis_assume_(expr)
#define _Analysis_mode_(mode)
#define _Analysis_noreturn_
#define _Enum_is_bitflag_
#define _Field_size_(n)
#define _Field_size_opt_(n)
#define _Field_size_bytes_(n)
#define _Field_size_bytes_opt_(n)
#define _Field_size_part_(n, c)
#define _Field_size_bytes_part_(n, c)
#define _Field_range_(lo, hi)
#define _Field_z_
#define _Struct_size_bytes_(n)

/* IRQL, locks and kernel resources. */
#define _IRQL_requires_(irql)
#define _IRQL_requires_max_(irql)
#define _IRQL_requires_min_(irql)
#define _IRQL_requires_same_
#define _IRQL_raises_(irql)
#define _IRQL_saves_
#define _IRQL_restores_
#define _IRQL_saves_global_(kind, param)
#define _IRQL_restores_global_(kind, param)
#define _IRQL_always_function_max_(irql)
#define _IRQL_always_function_min_(irql)
#define _IRQL_uses_cancel_
#define _IRQL_is_cancel_
#define _Requires_lock_held_(lock)
#define _Requires_lock_not_held_(lock)
#define _Requires_exclusive_lock_held_(lock)
#define _Requires_shared_lock_held_(lock)
#define _Acquires_lock_(lock)
#define _Releases_lock_(lock)
#define _Acquires_exclusive_lock_(lock)
#define _Releases_exclusive_lock_(lock)
#define _Acquires_shared_lock_(lock)
#define _Releases_shared_lock_(lock)
#define _Guarded_by_(lock)
#define _Kernel_float_saved_
#define _Kernel_float_restored_
#define _Kernel_float_used_
#define _Kernel_requires_resource_held_(res)
#define _Kernel_requires_resource_not_held_(res)
#define _Kernel_acquires_resource_(res)
#define _Kernel_releases_resource_(res)
#define _Kernel_clear_do_init_(yes_no)
#define _Kernel_IoGetDmaAdapter_
#define _Kernel_entry_
#define _Kernel_entry_always_

/* Pre-SAL 2 spellings still found in older C drivers (libstdc++ uses __in and __out). */
#if KSIM_WDK_DRIVER_MODE && !defined(__cplusplus)
#define __in
#define __out
#define __inout
#define __in_opt
#define __out_opt
#define __inout_opt
#define __in_bcount(n)
#define __out_bcount(n)
#define __in_ecount(n)
#define __out_ecount(n)
#define __deref_out
#define __deref_out_opt
#define __checkReturn
#define __drv_maxIRQL(irql)
#define __drv_minIRQL(irql)
#define __drv_requiresIRQL(irql)
#define __drv_raisesIRQL(irql)
#define __drv_setsIRQL(irql)
#define __drv_savesIRQL
#define __drv_restoresIRQL
#define __drv_savesIRQLGlobal(kind, param)
#define __drv_restoresIRQLGlobal(kind, param)
#define __drv_sameIRQL
#define __drv_dispatchType(major)
#define __drv_dispatchType_other
#define __drv_functionClass(name)
#define __drv_when(cond, anno)
#define __drv_arg(arg, anno)
#define __drv_valueIs(values)
#define __drv_aliasesMem
#define __drv_allocatesMem(kind)
#define __drv_freesMem(kind)
#define __drv_strictType(type, mode)
#define __drv_strictTypeMatch(mode)
#define __drv_clearDoInit(yes_no)
#define __drv_useCancelIRQL
#endif

#endif /* KSIM_WDK_SAL_H */
