/* Exercises: a bytecode stack VM with a switch-based interpreter loop, jumps, calls/returns and programs cross-checked against C. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

enum Op { PUSH, POP, DUP, SWAP, OVER, ADD, SUB, MUL, DIVM, MODM, LT, EQ, JMP, JZ, JNZ, CALL, RET, LOAD, STORE, HALT, NEG, AND, SHR };

typedef struct {
    int64_t stack[256];
    int sp;
    int rstack[64];
    int rsp;
    int64_t mem[16];
    long steps;
} VM;

static int run(VM *vm, const int32_t *code, int64_t *result)
{
    int pc = 0;
    vm->sp = vm->rsp = 0;
    vm->steps = 0;
    for (;;) {
        vm->steps++;
        if (vm->steps > 200000) return -1;
        int32_t op = code[pc++];
        int64_t a, b;
        switch (op) {
        case PUSH: vm->stack[vm->sp++] = code[pc++]; break;
        case POP: vm->sp--; break;
        case DUP: vm->stack[vm->sp] = vm->stack[vm->sp - 1]; vm->sp++; break;
        case SWAP: a = vm->stack[vm->sp - 1]; vm->stack[vm->sp - 1] = vm->stack[vm->sp - 2]; vm->stack[vm->sp - 2] = a; break;
        case OVER: vm->stack[vm->sp] = vm->stack[vm->sp - 2]; vm->sp++; break;
        case ADD: b = vm->stack[--vm->sp]; vm->stack[vm->sp - 1] += b; break;
        case SUB: b = vm->stack[--vm->sp]; vm->stack[vm->sp - 1] -= b; break;
        case MUL: b = vm->stack[--vm->sp]; vm->stack[vm->sp - 1] = (int64_t)((uint64_t)vm->stack[vm->sp - 1] * (uint64_t)b % 1000000007u); break;
        case DIVM: b = vm->stack[--vm->sp]; if (!b) return -2; vm->stack[vm->sp - 1] /= b; break;
        case MODM: b = vm->stack[--vm->sp]; if (!b) return -2; vm->stack[vm->sp - 1] %= b; break;
        case LT: b = vm->stack[--vm->sp]; vm->stack[vm->sp - 1] = vm->stack[vm->sp - 1] < b; break;
        case EQ: b = vm->stack[--vm->sp]; vm->stack[vm->sp - 1] = vm->stack[vm->sp - 1] == b; break;
        case JMP: pc = code[pc]; break;
        case JZ: a = vm->stack[--vm->sp]; pc = a ? pc + 1 : code[pc]; break;
        case JNZ: a = vm->stack[--vm->sp]; pc = a ? code[pc] : pc + 1; break;
        case CALL: vm->rstack[vm->rsp++] = pc + 1; pc = code[pc]; break;
        case RET: if (!vm->rsp) return -3; pc = vm->rstack[--vm->rsp]; break;
        case LOAD: vm->stack[vm->sp++] = vm->mem[code[pc++]]; break;
        case STORE: vm->mem[code[pc++]] = vm->stack[--vm->sp]; break;
        case NEG: vm->stack[vm->sp - 1] = -vm->stack[vm->sp - 1]; break;
        case AND: b = vm->stack[--vm->sp]; vm->stack[vm->sp - 1] &= b; break;
        case SHR: b = vm->stack[--vm->sp]; vm->stack[vm->sp - 1] = (int64_t)((uint64_t)vm->stack[vm->sp - 1] >> (b & 63)); break;
        case HALT: *result = vm->sp ? vm->stack[vm->sp - 1] : 0; return 0;
        default: return -4;
        }
    }
}

/* a tiny assembler with forward-referenced labels */
typedef struct { int32_t code[256]; int n; int label[16]; int fix_at[32], fix_label[32], nfix; } Asm;

static void a_init(Asm *a) { memset(a, 0, sizeof *a); memset(a->label, -1, sizeof a->label); }
static void op0(Asm *a, int op) { a->code[a->n++] = op; }
static void op1(Asm *a, int op, int arg) { a->code[a->n++] = op; a->code[a->n++] = arg; }
static void jmp(Asm *a, int op, int lbl)
{
    a->code[a->n++] = op;
    a->fix_at[a->nfix] = a->n; a->fix_label[a->nfix++] = lbl;
    a->code[a->n++] = -1;
}
static void here(Asm *a, int lbl) { a->label[lbl] = a->n; }
static int finish(Asm *a)
{
    for (int i = 0; i < a->nfix; i++) {
        if (a->label[a->fix_label[i]] < 0) return 0;
        a->code[a->fix_at[i]] = a->label[a->fix_label[i]];
    }
    return 1;
}

static void build_gcd(Asm *a) /* mem0 = a, mem1 = b */
{
    a_init(a);
    here(a, 0);
    op1(a, LOAD, 1); op1(a, PUSH, 0); op0(a, EQ); jmp(a, JNZ, 1);
    op1(a, LOAD, 0); op1(a, LOAD, 1); op0(a, MODM); op1(a, LOAD, 1); op1(a, STORE, 0); op1(a, STORE, 1);
    jmp(a, JMP, 0);
    here(a, 1);
    op1(a, LOAD, 0); op0(a, HALT);
}

static void build_sumsq(Asm *a) /* sum_{i<n} i*i, mem0 = n */
{
    a_init(a);
    op1(a, PUSH, 0); op1(a, STORE, 1); op1(a, PUSH, 0); op1(a, STORE, 2);
    here(a, 0);
    op1(a, LOAD, 2); op1(a, LOAD, 0); op0(a, LT); jmp(a, JZ, 1);
    op1(a, LOAD, 2); op0(a, DUP); op0(a, MUL); op1(a, LOAD, 1); op0(a, ADD); op1(a, STORE, 1);
    op1(a, LOAD, 2); op1(a, PUSH, 1); op0(a, ADD); op1(a, STORE, 2);
    jmp(a, JMP, 0);
    here(a, 1);
    op1(a, LOAD, 1); op0(a, HALT);
}

static void build_fact(Asm *a) /* recursive n! mod p, mem0 = n */
{
    a_init(a);
    op1(a, LOAD, 0); jmp(a, CALL, 0); op0(a, HALT);
    here(a, 0);
    op0(a, DUP); op1(a, PUSH, 2); op0(a, LT); jmp(a, JNZ, 1);
    op0(a, DUP); op1(a, PUSH, 1); op0(a, SUB); jmp(a, CALL, 0); op0(a, MUL); op0(a, RET);
    here(a, 1);
    op0(a, POP); op1(a, PUSH, 1); op0(a, RET);
}

static void build_pop(Asm *a) /* popcount of mem0 */
{
    a_init(a);
    op1(a, PUSH, 0); op1(a, STORE, 1);
    here(a, 0);
    op1(a, LOAD, 0); jmp(a, JZ, 1);
    op1(a, LOAD, 0); op1(a, PUSH, 1); op0(a, AND); op1(a, LOAD, 1); op0(a, ADD); op1(a, STORE, 1);
    op1(a, LOAD, 0); op1(a, PUSH, 1); op0(a, SHR); op1(a, STORE, 0);
    jmp(a, JMP, 0);
    here(a, 1);
    op1(a, LOAD, 1); op0(a, HALT);
}

static void build_collatz(Asm *a) /* steps for mem0 to reach 1 */
{
    a_init(a);
    op1(a, PUSH, 0); op1(a, STORE, 1);
    here(a, 0);
    op1(a, LOAD, 0); op1(a, PUSH, 1); op0(a, EQ); jmp(a, JNZ, 3);
    op1(a, LOAD, 1); op1(a, PUSH, 1); op0(a, ADD); op1(a, STORE, 1);
    op1(a, LOAD, 0); op1(a, PUSH, 1); op0(a, AND); jmp(a, JNZ, 1);
    op1(a, LOAD, 0); op1(a, PUSH, 2); op0(a, DIVM); op1(a, STORE, 0); jmp(a, JMP, 0);
    here(a, 1);
    op1(a, LOAD, 0); op0(a, DUP); op0(a, DUP); op0(a, ADD); op0(a, ADD); op1(a, PUSH, 1); op0(a, ADD); op1(a, STORE, 0);
    jmp(a, JMP, 0);
    here(a, 3);
    op1(a, LOAD, 1); op0(a, HALT);
}

static int64_t gcd_c(int64_t a, int64_t b) { while (b) { int64_t t = a % b; a = b; b = t; } return a; }

int main(void)
{
    static Asm gcd, sumsq, fact, pop, collatz;
    build_gcd(&gcd); build_sumsq(&sumsq); build_fact(&fact); build_pop(&pop); build_collatz(&collatz);
    CHECK(finish(&gcd) && finish(&sumsq) && finish(&fact) && finish(&pop) && finish(&collatz));

    VM vm;
    memset(&vm, 0, sizeof vm);
    int64_t r;
    long total_steps = 0;
    uint32_t s = 17;
    for (int t = 0; t < 300; t++) {
        s = s * 1664525u + 1013904223u; int64_t a = s % 100000;
        s = s * 1664525u + 1013904223u; int64_t b = s % 100000;
        vm.mem[0] = a; vm.mem[1] = b;
        CHECK(run(&vm, gcd.code, &r) == 0 && r == gcd_c(a, b));
        total_steps += vm.steps;
    }
    for (int n = 0; n < 200; n += 13) {
        vm.mem[0] = n;
        CHECK(run(&vm, sumsq.code, &r) == 0);
        int64_t e = 0;
        for (int i = 0; i < n; i++) e += (int64_t)i * i % 1000000007;
        CHECK(r == e);
        total_steps += vm.steps;
    }
    int64_t f = 1;
    for (int n = 1; n < 40; n++) {
        f = f * n % 1000000007;
        vm.mem[0] = n;
        CHECK(run(&vm, fact.code, &r) == 0 && r == f);
        total_steps += vm.steps;
    }
    for (int t = 0; t < 100; t++) {
        s = s * 1664525u + 1013904223u;
        vm.mem[0] = s;
        CHECK(run(&vm, pop.code, &r) == 0 && r == __builtin_popcount(s));
        total_steps += vm.steps;
    }
    int64_t csum = 0;
    for (int64_t n = 1; n < 300; n += 7) {
        vm.mem[0] = n;
        CHECK(run(&vm, collatz.code, &r) == 0);
        int64_t m = n, steps = 0;
        while (m != 1) { m = (m & 1) ? 3 * m + 1 : m / 2; steps++; }
        CHECK(r == steps);
        csum += r;
        total_steps += vm.steps;
    }
    vm.mem[0] = 27;
    CHECK(run(&vm, collatz.code, &r) == 0 && r == 111);
    int32_t bad_prog[] = {PUSH, 1, PUSH, 0, DIVM, HALT};
    CHECK(run(&vm, bad_prog, &r) == -2);
    int32_t bad_ret[] = {RET};
    CHECK(run(&vm, bad_ret, &r) == -3);
    int32_t loop[] = {JMP, 0};
    CHECK(run(&vm, loop, &r) == -1);
    printf("steps=%ld fact39=%lld collatz=%lld sizes=%d/%d/%d/%d/%d\n", total_steps, (long long)f, (long long)csum,
           gcd.n, sumsq.n, fact.n, pop.n, collatz.n);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
