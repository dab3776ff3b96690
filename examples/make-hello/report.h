/* Reporting: used by report.c and main.c. */
#ifndef REPORT_H
#define REPORT_H

#include <stdio.h>

#include "table.h"

/* Prints the n most frequent words, ties broken alphabetically. */
void report_top(FILE *out, const struct table *t, size_t n);
uint32_t report_digest(const struct table *t);

#endif
