// Exercises: polymorphic AST with unique_ptr children, double-dispatch visitors (evaluate, print, differentiate, simplify), recursion.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>
#include <cstdint>
#include <utility>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

struct Num; struct Var; struct Add; struct Mul; struct Neg;
struct Visitor {
    virtual ~Visitor() = default;
    virtual void visit(const Num &) = 0;
    virtual void visit(const Var &) = 0;
    virtual void visit(const Add &) = 0;
    virtual void visit(const Mul &) = 0;
    virtual void visit(const Neg &) = 0;
};

struct Expr {
    virtual ~Expr() = default;
    virtual void accept(Visitor &v) const = 0;
    virtual std::unique_ptr<Expr> clone() const = 0;
};
using P = std::unique_ptr<Expr>;

struct Num : Expr { long v; explicit Num(long x) : v(x) {} void accept(Visitor &vis) const override { vis.visit(*this); } P clone() const override { return std::make_unique<Num>(v); } };
struct Var : Expr { void accept(Visitor &vis) const override { vis.visit(*this); } P clone() const override { return std::make_unique<Var>(); } };
struct Add : Expr {
    P l, r;
    Add(P a, P b) : l(std::move(a)), r(std::move(b)) {}
    void accept(Visitor &vis) const override { vis.visit(*this); }
    P clone() const override { return std::make_unique<Add>(l->clone(), r->clone()); }
};
struct Mul : Expr {
    P l, r;
    Mul(P a, P b) : l(std::move(a)), r(std::move(b)) {}
    void accept(Visitor &vis) const override { vis.visit(*this); }
    P clone() const override { return std::make_unique<Mul>(l->clone(), r->clone()); }
};
struct Neg : Expr {
    P e;
    explicit Neg(P x) : e(std::move(x)) {}
    void accept(Visitor &vis) const override { vis.visit(*this); }
    P clone() const override { return std::make_unique<Neg>(e->clone()); }
};

static P num(long v) { return std::make_unique<Num>(v); }
static P var() { return std::make_unique<Var>(); }
static P add(P a, P b) { return std::make_unique<Add>(std::move(a), std::move(b)); }
static P mul(P a, P b) { return std::make_unique<Mul>(std::move(a), std::move(b)); }
static P neg(P a) { return std::make_unique<Neg>(std::move(a)); }

struct Eval : Visitor {
    long x, result = 0;
    explicit Eval(long xv) : x(xv) {}
    long run(const Expr &e) { e.accept(*this); return result; }
    void visit(const Num &n) override { result = n.v; }
    void visit(const Var &) override { result = x; }
    void visit(const Add &a) override { long l = run(*a.l); long r = run(*a.r); result = l + r; }
    void visit(const Mul &m) override { long l = run(*m.l); long r = run(*m.r); result = l * r; }
    void visit(const Neg &n) override { result = -run(*n.e); }
};

struct Printer : Visitor {
    std::string out;
    void visit(const Num &n) override { out += n.v < 0 ? "(" + std::to_string(n.v) + ")" : std::to_string(n.v); }
    void visit(const Var &) override { out += "x"; }
    void visit(const Add &a) override { out += "("; a.l->accept(*this); out += "+"; a.r->accept(*this); out += ")"; }
    void visit(const Mul &m) override { m.l->accept(*this); out += "*"; m.r->accept(*this); }
    void visit(const Neg &n) override { out += "-"; n.e->accept(*this); }
};

struct Derive : Visitor {
    P result;
    P run(const Expr &e) { e.accept(*this); return std::move(result); }
    void visit(const Num &) override { result = num(0); }
    void visit(const Var &) override { result = num(1); }
    void visit(const Add &a) override { P l = run(*a.l); P r = run(*a.r); result = add(std::move(l), std::move(r)); }
    void visit(const Mul &m) override
    {
        P dl = run(*m.l); P dr = run(*m.r);
        result = add(mul(std::move(dl), m.r->clone()), mul(m.l->clone(), std::move(dr)));
    }
    void visit(const Neg &n) override { result = neg(run(*n.e)); }
};

// constant folding + identities (0+e, e*1, e*0)
struct Simplify : Visitor {
    P result;
    P run(const Expr &e) { e.accept(*this); return std::move(result); }
    static const Num *as_num(const P &p) { return dynamic_cast<const Num *>(p.get()); }
    void visit(const Num &n) override { result = num(n.v); }
    void visit(const Var &) override { result = var(); }
    void visit(const Add &a) override
    {
        P l = run(*a.l), r = run(*a.r);
        const Num *ln = as_num(l), *rn = as_num(r);
        if (ln && rn) result = num(ln->v + rn->v);
        else if (ln && ln->v == 0) result = std::move(r);
        else if (rn && rn->v == 0) result = std::move(l);
        else result = add(std::move(l), std::move(r));
    }
    void visit(const Mul &m) override
    {
        P l = run(*m.l), r = run(*m.r);
        const Num *ln = as_num(l), *rn = as_num(r);
        if (ln && rn) result = num(ln->v * rn->v);
        else if ((ln && ln->v == 0) || (rn && rn->v == 0)) result = num(0);
        else if (ln && ln->v == 1) result = std::move(r);
        else if (rn && rn->v == 1) result = std::move(l);
        else result = mul(std::move(l), std::move(r));
    }
    void visit(const Neg &n) override
    {
        P e = run(*n.e);
        if (const Num *en = as_num(e)) result = num(-en->v);
        else result = neg(std::move(e));
    }
};

struct Counter : Visitor {
    int nodes = 0;
    void visit(const Num &) override { nodes++; }
    void visit(const Var &) override { nodes++; }
    void visit(const Add &a) override { nodes++; a.l->accept(*this); a.r->accept(*this); }
    void visit(const Mul &m) override { nodes++; m.l->accept(*this); m.r->accept(*this); }
    void visit(const Neg &n) override { nodes++; n.e->accept(*this); }
};

static uint32_t rs = 7;
static uint32_t rnd() { rs ^= rs << 13; rs ^= rs >> 17; rs ^= rs << 5; return rs; }
static P random_expr(int depth)
{
    uint32_t k = depth <= 0 ? rnd() % 2 : rnd() % 5;
    switch (k) {
    case 0: return num(static_cast<long>(rnd() % 7) - 3);
    case 1: return var();
    case 2: return add(random_expr(depth - 1), random_expr(depth - 1));
    case 3: return mul(random_expr(depth - 1), random_expr(depth - 1));
    default: return neg(random_expr(depth - 1));
    }
}

int main()
{
    // f(x) = 3x^2 + 2x - 5  ->  f'(x) = 6x + 2
    P f = add(add(mul(num(3), mul(var(), var())), mul(num(2), var())), num(-5));
    Printer pr;
    f->accept(pr);
    CHECK(pr.out == "((3*x*x+2*x)+(-5))");
    Derive d;
    P df = d.run(*f);
    Simplify simp;
    P sdf = simp.run(*df);
    for (long x = -10; x <= 10; x++) {
        Eval e(x);
        CHECK(e.run(*f) == 3 * x * x + 2 * x - 5);
        CHECK(Eval(x).run(*df) == 6 * x + 2 && Eval(x).run(*sdf) == 6 * x + 2);
    }
    Counter c1, c2;
    df->accept(c1);
    sdf->accept(c2);
    CHECK(c2.nodes < c1.nodes);

    int bad = 0;
    long checksum = 0;
    for (int t = 0; t < 300; t++) {
        P e = random_expr(5);
        P s = simp.run(*e);
        P de = d.run(*e);
        for (long x = -3; x <= 3; x++) {
            long v = Eval(x).run(*e);
            if (Eval(x).run(*s) != v) bad++;
            // derivative check via exact finite differences is not valid for polynomials of higher degree,
            // so compare derivative with the simplified derivative instead
            if (Eval(x).run(*de) != Eval(x).run(*simp.run(*de))) bad++;
            checksum += v % 1000;
        }
        P cl = e->clone();
        if (Eval(2).run(*cl) != Eval(2).run(*e)) bad++;
    }
    CHECK(bad == 0);
    Printer p2;
    sdf->accept(p2);
    std::printf("f=%s df=%s nodes=%d->%d checksum=%ld\n", pr.out.c_str(), p2.out.c_str(), c1.nodes, c2.nodes, checksum);
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
