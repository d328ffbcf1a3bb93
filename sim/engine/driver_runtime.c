/* Linked into every driver image ksim builds. The compiler's stack protector calls
 * __stack_chk_fail when a function's canary was overwritten; like MSVC's /GS check in a real
 * driver, that becomes a bugcheck (DRIVER_OVERRAN_STACK_BUFFER) naming the overrunning function. */
void KsimStackOverrun(void* return_address);

__attribute__((visibility("hidden"), noreturn)) void __stack_chk_fail(void) {
  KsimStackOverrun(__builtin_return_address(0));
  __builtin_unreachable();
}
