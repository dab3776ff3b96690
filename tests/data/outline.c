/* Identical instruction runs in many functions: the machine outliner folds them. */
struct s { int a, b, c, d, e, f, g, h; };
int f0(struct s *p, int x) {
    p->a += x * 3; p->b ^= p->a + 7; p->c -= p->b >> 2; p->d |= p->c * 5;
    p->e += p->d ^ 11; p->f -= p->e << 1; p->g ^= p->f + 13; p->h += p->g * 9;
    return p->h + 0;
}
int f1(struct s *p, int x) {
    p->a += x * 3; p->b ^= p->a + 7; p->c -= p->b >> 2; p->d |= p->c * 5;
    p->e += p->d ^ 11; p->f -= p->e << 1; p->g ^= p->f + 13; p->h += p->g * 9;
    return p->h + 1;
}
int f2(struct s *p, int x) {
    p->a += x * 3; p->b ^= p->a + 7; p->c -= p->b >> 2; p->d |= p->c * 5;
    p->e += p->d ^ 11; p->f -= p->e << 1; p->g ^= p->f + 13; p->h += p->g * 9;
    return p->h + 2;
}
int f3(struct s *p, int x) {
    p->a += x * 3; p->b ^= p->a + 7; p->c -= p->b >> 2; p->d |= p->c * 5;
    p->e += p->d ^ 11; p->f -= p->e << 1; p->g ^= p->f + 13; p->h += p->g * 9;
    return p->h + 3;
}
int f4(struct s *p, int x) {
    p->a += x * 3; p->b ^= p->a + 7; p->c -= p->b >> 2; p->d |= p->c * 5;
    p->e += p->d ^ 11; p->f -= p->e << 1; p->g ^= p->f + 13; p->h += p->g * 9;
    return p->h + 4;
}
int f5(struct s *p, int x) {
    p->a += x * 3; p->b ^= p->a + 7; p->c -= p->b >> 2; p->d |= p->c * 5;
    p->e += p->d ^ 11; p->f -= p->e << 1; p->g ^= p->f + 13; p->h += p->g * 9;
    return p->h + 5;
}
int f6(struct s *p, int x) {
    p->a += x * 3; p->b ^= p->a + 7; p->c -= p->b >> 2; p->d |= p->c * 5;
    p->e += p->d ^ 11; p->f -= p->e << 1; p->g ^= p->f + 13; p->h += p->g * 9;
    return p->h + 6;
}
int f7(struct s *p, int x) {
    p->a += x * 3; p->b ^= p->a + 7; p->c -= p->b >> 2; p->d |= p->c * 5;
    p->e += p->d ^ 11; p->f -= p->e << 1; p->g ^= p->f + 13; p->h += p->g * 9;
    return p->h + 7;
}
