/* ksim_jump_fcontext(to, data): jump_fcontext's contract on x86-64 System V (see fiber_jump.h).
   A suspended context is its stack pointer, pointing at
     +0x00 MXCSR (4 bytes), x87 control word (2 bytes)
     +0x08 r12, r13, r14, r15, rbx, rbp (to +0x30)
     +0x38 where to resume
   which is also how make_fcontext lays out a fresh context (its entry trampoline at +0x38). */
#if defined(__x86_64__) && defined(__ELF__)
        .text
        .globl  ksim_jump_fcontext
        .type   ksim_jump_fcontext, @function
        .p2align 4
ksim_jump_fcontext:
        /* Suspend the caller: its return address is already on top. */
        pushq   %rbp
        pushq   %rbx
        pushq   %r15
        pushq   %r14
        pushq   %r13
        pushq   %r12
        subq    $8, %rsp
        stmxcsr (%rsp)
        fnstcw  4(%rsp)
        movq    %rsp, %rax
        /* Resume `to`. */
        movq    %rdi, %rsp
        ldmxcsr (%rsp)
        fldcw   4(%rsp)
        addq    $8, %rsp
        popq    %r12
        popq    %r13
        popq    %r14
        popq    %r15
        popq    %rbx
        popq    %rbp
        /* transfer_t{suspended caller, data}: the return value (rax:rdx), or the arguments
           (rdi:rsi) of a fresh context's entry function. */
        movq    %rsi, %rdx
        movq    %rax, %rdi
        ret
        .size   ksim_jump_fcontext, .-ksim_jump_fcontext
#endif
        .section .note.GNU-stack, "", @progbits
