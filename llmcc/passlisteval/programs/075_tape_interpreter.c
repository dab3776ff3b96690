/* Exercises: an interpreter for a tiny tape language with precomputed bracket jump tables, run-length op fusion and output capture. */
#include <stdio.h>
#include <string.h>
#include <stdint.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

#define TAPE 30000

/* straightforward interpreter */
static int run_plain(const char *prog, const char *input, char *out, size_t outcap, long *steps)
{
    static unsigned char tape[TAPE];
    static int jump[4096];
    int n = (int)strlen(prog), stack[256], sp = 0;
    for (int i = 0; i < n; i++) {
        if (prog[i] == '[') stack[sp++] = i;
        else if (prog[i] == ']') { if (!sp) return -1; int j = stack[--sp]; jump[i] = j; jump[j] = i; }
    }
    if (sp) return -1;
    memset(tape, 0, sizeof tape);
    int ptr = 0;
    size_t o = 0;
    *steps = 0;
    for (int pc = 0; pc < n; pc++) {
        (*steps)++;
        switch (prog[pc]) {
        case '>': ptr++; if (ptr >= TAPE) return -2; break;
        case '<': ptr--; if (ptr < 0) return -2; break;
        case '+': tape[ptr]++; break;
        case '-': tape[ptr]--; break;
        case '.': if (o + 1 < outcap) out[o++] = (char)tape[ptr]; break;
        case ',': tape[ptr] = (unsigned char)(*input ? *input++ : 0); break;
        case '[': if (!tape[ptr]) pc = jump[pc]; break;
        case ']': if (tape[ptr]) pc = jump[pc]; break;
        default: break;
        }
    }
    out[o] = 0;
    return (int)o;
}

/* optimized: compile to ops with counts, and clear-loop detection */
typedef struct { char op; int arg; } Op;
static int run_fused(const char *prog, const char *input, char *out, size_t outcap)
{
    static Op code[4096];
    static unsigned char tape[TAPE];
    int nc = 0, stack[256], sp = 0;
    for (const char *p = prog; *p; p++) {
        char c = *p;
        if (strchr("+-<>", c)) {
            int k = 0;
            while (*p == c) { k++; p++; }
            p--;
            if (nc && code[nc - 1].op == c) code[nc - 1].arg += k; else code[nc++] = (Op){c, k};
        } else if (c == '[' && p[1] == '-' && p[2] == ']') { code[nc++] = (Op){'0', 0}; p += 2; }
        else if (c == '[') { stack[sp++] = nc; code[nc++] = (Op){'[', 0}; }
        else if (c == ']') { if (!sp) return -1; int j = stack[--sp]; code[j].arg = nc; code[nc++] = (Op){']', j}; }
        else if (c == '.' || c == ',') code[nc++] = (Op){c, 0};
    }
    if (sp) return -1;
    memset(tape, 0, sizeof tape);
    int ptr = 0;
    size_t o = 0;
    for (int pc = 0; pc < nc; pc++) {
        Op op = code[pc];
        switch (op.op) {
        case '>': ptr += op.arg; if (ptr >= TAPE) return -2; break;
        case '<': ptr -= op.arg; if (ptr < 0) return -2; break;
        case '+': tape[ptr] = (unsigned char)(tape[ptr] + op.arg); break;
        case '-': tape[ptr] = (unsigned char)(tape[ptr] - op.arg); break;
        case '0': tape[ptr] = 0; break;
        case '.': if (o + 1 < outcap) out[o++] = (char)tape[ptr]; break;
        case ',': tape[ptr] = (unsigned char)(*input ? *input++ : 0); break;
        case '[': if (!tape[ptr]) pc = op.arg; break;
        case ']': if (tape[ptr]) pc = op.arg; break;
        }
    }
    out[o] = 0;
    return (int)o;
}

int main(void)
{
    /* classic hello world */
    const char *hello = "++++++++[>++++[>++>+++>+++>+<<<<-]>+>+>->>+[<]<-]>>.>---.+++++++..+++.>>.<-.<.+++.------.--------.>>+.>++.";
    char out1[512], out2[512];
    long steps;
    CHECK(run_plain(hello, "", out1, sizeof out1, &steps) == 13);
    CHECK(strcmp(out1, "Hello World!\n") == 0);
    CHECK(run_fused(hello, "", out2, sizeof out2) == 13 && strcmp(out1, out2) == 0);

    /* echo input reversed: read until 0, then print backwards */
    const char *rev = ">,[>,]<[.<]";
    CHECK(run_plain(rev, "stressed", out1, sizeof out1, &steps) == 8 && strcmp(out1, "desserts") == 0);
    CHECK(run_fused(rev, "stressed", out2, sizeof out2) == 8 && strcmp(out2, "desserts") == 0);

    /* add two digits: reads '3','4' prints '7' */
    const char *add = ",>,[<+>-]<------------------------------------------------.";
    CHECK(run_plain(add, "34", out1, sizeof out1, &steps) == 1 && out1[0] == '7');
    CHECK(run_fused(add, "34", out2, sizeof out2) == 1 && out2[0] == '7');

    /* multiply cell values: 12 * 11 = 132, printed as raw byte */
    const char *mul = "++++++++++++[>+++++++++++<-]>.";
    CHECK(run_plain(mul, "", out1, sizeof out1, &steps) == 1 && (unsigned char)out1[0] == 132);
    CHECK(run_fused(mul, "", out2, sizeof out2) == 1 && (unsigned char)out2[0] == 132);

    /* wraparound and clear loop */
    const char *wrap = "-.[-]+.";
    CHECK(run_fused(wrap, "", out2, sizeof out2) == 2 && (unsigned char)out2[0] == 255 && out2[1] == 1);
    CHECK(run_plain("[[]", "", out1, sizeof out1, &steps) == -1 && run_fused("]", "", out2, sizeof out2) == -1);
    CHECK(run_plain("<", "", out1, sizeof out1, &steps) == -2);

    /* generated programs: print a computed sequence of bytes */
    uint32_t x = 9;
    int bad = 0;
    long total_steps = 0;
    for (int t = 0; t < 40; t++) {
        char prog[2048];
        int p = 0;
        unsigned char expect[16];
        for (int k = 0; k < 16; k++) {
            x ^= x << 13; x ^= x >> 17; x ^= x << 5;
            int a = 1 + (int)(x % 15), b = 1 + (int)((x >> 8) % 15);
            expect[k] = (unsigned char)(a * b);
            /* cell1 = a; loop: cell2 += b; print cell2; clear */
            prog[p++] = '[', prog[p++] = '-', prog[p++] = ']'; /* clear cell0 (already 0) */
            prog[p++] = '>';
            for (int i = 0; i < a; i++) prog[p++] = '+';
            memcpy(prog + p, "[>", 2); p += 2;
            for (int i = 0; i < b; i++) prog[p++] = '+';
            memcpy(prog + p, "<-]>.[-]<<", 10); p += 10;
        }
        prog[p] = 0;
        int n1 = run_plain(prog, "", out1, sizeof out1, &steps), n2 = run_fused(prog, "", out2, sizeof out2);
        total_steps += steps;
        if (n1 != 16 || n2 != 16 || memcmp(out1, out2, 16) || memcmp(out1, expect, 16)) bad++;
    }
    CHECK(bad == 0);
    printf("steps=%ld\n", total_steps);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
