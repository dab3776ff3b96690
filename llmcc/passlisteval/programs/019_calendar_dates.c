/* Exercises: civil-date <-> day-number conversions, weekday, leap years, ISO week numbers and Easter computus. */
#include <stdio.h>
#include <stdint.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

typedef struct { int y, m, d; } Date;

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
static int days_in_month(int y, int m)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : dm[m - 1];
}

/* days since 1970-01-01, proleptic Gregorian (era-based algorithm) */
static long days_from_civil(Date dt)
{
    int y = dt.y - (dt.m <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (unsigned)((153 * (dt.m + (dt.m > 2 ? -3 : 9)) + 2) / 5 + dt.d - 1);
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long)doe - 719468;
}

static Date civil_from_days(long z)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = (long)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    Date r;
    r.d = (int)(doy - (153 * mp + 2) / 5 + 1);
    r.m = (int)(mp < 10 ? mp + 3 : mp - 9);
    r.y = (int)(y + (r.m <= 2));
    return r;
}

static int weekday(long days) /* 0 = Sunday */
{
    return (int)(days >= -4 ? (days + 4) % 7 : (days + 5) % 7 + 6);
}

static int zeller(Date dt) /* 0 = Saturday */
{
    int m = dt.m, y = dt.y;
    if (m < 3) { m += 12; y--; }
    int k = y % 100, j = y / 100;
    return (dt.d + 13 * (m + 1) / 5 + k + k / 4 + j / 4 + 5 * j) % 7;
}

static Date easter(int y)
{
    int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
    int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
    Date r = {y, month, day};
    return r;
}

static int iso_week(Date dt, int *iso_year)
{
    long days = days_from_civil(dt);
    int wd = (weekday(days) + 6) % 7; /* Monday = 0 */
    long thursday = days - wd + 3;
    Date th = civil_from_days(thursday);
    Date jan1 = {th.y, 1, 1};
    *iso_year = th.y;
    return (int)((thursday - days_from_civil(jan1)) / 7 + 1);
}

int main(void)
{
    CHECK(days_from_civil((Date){1970, 1, 1}) == 0);
    CHECK(days_from_civil((Date){2000, 3, 1}) == 11017);
    CHECK(days_from_civil((Date){1969, 12, 31}) == -1);
    CHECK(weekday(days_from_civil((Date){2000, 1, 1})) == 6);  /* Saturday */
    CHECK(weekday(days_from_civil((Date){1776, 7, 4})) == 4);  /* Thursday */
    CHECK(weekday(-1) == 3);

    /* walk day by day from 1600-01-01 to 2400-12-31 */
    Date cur = {1600, 1, 1};
    long start = days_from_civil(cur);
    long n = start;
    int bad = 0, leap_days = 0;
    while (cur.y <= 2400) {
        if (days_from_civil(cur) != n) bad++;
        Date back = civil_from_days(n);
        if (back.y != cur.y || back.m != cur.m || back.d != cur.d) bad++;
        if ((zeller(cur) + 6) % 7 != weekday(n)) bad++;
        if (cur.m == 2 && cur.d == 29) leap_days++;
        n++;
        if (++cur.d > days_in_month(cur.y, cur.m)) { cur.d = 1; if (++cur.m > 12) { cur.m = 1; cur.y++; } }
    }
    CHECK(bad == 0);
    CHECK(n - start == 801L * 365 + leap_days);
    CHECK(leap_days == 195);

    static const int ey[] = {1961, 2000, 2008, 2011, 2019, 2024, 2038, 2285};
    static const int em[] = {4, 4, 3, 4, 4, 3, 4, 3};
    static const int ed[] = {2, 23, 23, 24, 21, 31, 25, 22};
    for (int i = 0; i < 8; i++) {
        Date e = easter(ey[i]);
        CHECK(e.m == em[i] && e.d == ed[i]);
        CHECK(weekday(days_from_civil(e)) == 0);
    }
    int ey2, wk;
    wk = iso_week((Date){2021, 1, 3}, &ey2);
    CHECK(wk == 53 && ey2 == 2020);
    wk = iso_week((Date){2026, 12, 31}, &ey2);
    CHECK(wk == 53 && ey2 == 2026);
    wk = iso_week((Date){2019, 12, 30}, &ey2);
    CHECK(wk == 1 && ey2 == 2020);

    int f13 = 0;
    for (int y = 2000; y < 2400; y++)
        for (int m = 1; m <= 12; m++)
            if (weekday(days_from_civil((Date){y, m, 13})) == 5) f13++;
    CHECK(f13 == 688);
    /* the 13th falls on Friday most often over a 400-year cycle */
    int counts[7] = {0};
    for (int y = 2000; y < 2400; y++)
        for (int m = 1; m <= 12; m++) counts[weekday(days_from_civil((Date){y, m, 13}))]++;
    for (int i = 0; i < 7; i++) CHECK(i == 5 || counts[i] < counts[5]);
    printf("days=%ld leap=%d friday13=%d\n", n - start, leap_days, f13);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
