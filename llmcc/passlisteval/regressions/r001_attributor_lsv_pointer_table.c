/* Regression: a pointer table built and never read.
 *
 * LLVM 16's opt miscompiles this program (the binary segfaults) with
 *   always-inline,attributor,load-store-vectorizer,attributor
 * LLVM 19 and 22 compile it correctly. Reduced with creduce from csmith 2.3.0
 * --seed 1007 (the interestingness test required warning-clean C that runs
 * clean under ASan, UBSan and MSan at -O0). The attributor is deny-listed, so the
 * driver never runs this list; the suite catches it on its own as well.
 */
#include <stdint.h>
#include <stdio.h>

int32_t **a;
int32_t **b(void);

int8_t c(void) {
    int8_t d = 1;
    b();
    return d;
}

int32_t **b(void) {
    int32_t *e[3];
    int32_t **f[][9] = {{&e[2], &e[2], &e[2], &e[2], &e[2], &e[2], &e[2], &e[2], &e[2]},
                        {&e[2], &e[2], &e[2], 0, &e[2], &e[2], &e[2], &e[2]}};
    (void)f;
    return a;
}

int main(void) {
    if (c() != 1) {
        fprintf(stderr, "c() returned the wrong value\n");
        return 1;
    }
    printf("ok\n");
    return 0;
}
