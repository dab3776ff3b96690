// Exercises: a small Lisp interpreter: tokenizer, recursive reader into std::variant cells with shared_ptr, environments, closures, recursion.
#include <cstdio>
#include <string>
#include <vector>
#include <map>
#include <memory>
#include <variant>
#include <functional>
#include <stdexcept>
#include <cctype>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

struct Cell;
using CellP = std::shared_ptr<Cell>;
struct Env;
using EnvP = std::shared_ptr<Env>;
struct Lambda { std::vector<std::string> params; CellP body; EnvP env; };
using Builtin = std::function<CellP(const std::vector<CellP> &)>;
struct Symbol { std::string name; };
using List = std::vector<CellP>;
struct Cell { std::variant<long, Symbol, List, Lambda, Builtin> v; };

static CellP make_num(long n) { return std::make_shared<Cell>(Cell{n}); }

struct Env {
    std::map<std::string, CellP> vars;
    EnvP outer;
    CellP *find(const std::string &k)
    {
        for (Env *e = this; e; e = e->outer.get()) { auto it = e->vars.find(k); if (it != e->vars.end()) return &it->second; }
        return nullptr;
    }
};

static std::vector<std::string> tokenize(const std::string &s)
{
    std::vector<std::string> t;
    std::string cur;
    for (char c : s) {
        if (c == '(' || c == ')' || c == ' ' || c == '\n') {
            if (!cur.empty()) { t.push_back(cur); cur.clear(); }
            if (c == '(' || c == ')') t.push_back(std::string(1, c));
        } else cur += c;
    }
    if (!cur.empty()) t.push_back(cur);
    return t;
}

static CellP read(const std::vector<std::string> &t, std::size_t &i)
{
    if (i >= t.size()) throw std::runtime_error("eof");
    const std::string &tok = t[i++];
    if (tok == "(") {
        List l;
        while (i < t.size() && t[i] != ")") l.push_back(read(t, i));
        if (i >= t.size()) throw std::runtime_error("missing )");
        i++;
        return std::make_shared<Cell>(Cell{l});
    }
    if (tok == ")") throw std::runtime_error("unexpected )");
    bool numeric = !tok.empty() && (std::isdigit(static_cast<unsigned char>(tok[0])) || (tok[0] == '-' && tok.size() > 1));
    if (numeric) return make_num(std::stol(tok));
    return std::make_shared<Cell>(Cell{Symbol{tok}});
}

static long num(const CellP &c) { if (auto p = std::get_if<long>(&c->v)) return *p; throw std::runtime_error("not a number"); }

static CellP eval(CellP x, EnvP env)
{
    for (;;) { // loop for tail calls in `if` and lambda bodies
        if (std::holds_alternative<long>(x->v)) return x;
        if (auto s = std::get_if<Symbol>(&x->v)) {
            CellP *p = env->find(s->name);
            if (!p) throw std::runtime_error("unbound " + s->name);
            return *p;
        }
        const List &l = std::get<List>(x->v);
        if (l.empty()) throw std::runtime_error("empty list");
        if (auto head = std::get_if<Symbol>(&l[0]->v)) {
            if (head->name == "if") { x = num(eval(l[1], env)) ? l[2] : l[3]; continue; }
            if (head->name == "define") { CellP v = eval(l[2], env); env->vars[std::get<Symbol>(l[1]->v).name] = v; return v; }
            if (head->name == "lambda") {
                Lambda lam;
                for (const auto &p : std::get<List>(l[1]->v)) lam.params.push_back(std::get<Symbol>(p->v).name);
                lam.body = l[2];
                lam.env = env;
                return std::make_shared<Cell>(Cell{lam});
            }
            if (head->name == "begin") { for (std::size_t i = 1; i + 1 < l.size(); i++) eval(l[i], env); x = l.back(); continue; }
        }
        CellP f = eval(l[0], env);
        std::vector<CellP> args;
        for (std::size_t i = 1; i < l.size(); i++) args.push_back(eval(l[i], env));
        if (auto b = std::get_if<Builtin>(&f->v)) return (*b)(args);
        const Lambda &lam = std::get<Lambda>(f->v);
        auto ne = std::make_shared<Env>();
        ne->outer = lam.env;
        for (std::size_t i = 0; i < lam.params.size(); i++) ne->vars[lam.params[i]] = args.at(i);
        x = lam.body;
        env = ne;
    }
}

static EnvP global_env()
{
    auto g = std::make_shared<Env>();
    auto bin = [&](const char *name, std::function<long(long, long)> f) {
        g->vars[name] = std::make_shared<Cell>(Cell{Builtin([f](const std::vector<CellP> &a) {
            long r = num(a.at(0));
            for (std::size_t i = 1; i < a.size(); i++) r = f(r, num(a[i]));
            return make_num(r);
        })});
    };
    bin("+", [](long a, long b) { return a + b; });
    bin("-", [](long a, long b) { return a - b; });
    bin("*", [](long a, long b) { return a * b; });
    bin("/", [](long a, long b) { if (!b) throw std::runtime_error("div0"); return a / b; });
    bin("%", [](long a, long b) { if (!b) throw std::runtime_error("div0"); return a % b; });
    bin("<", [](long a, long b) { return static_cast<long>(a < b); });
    bin("=", [](long a, long b) { return static_cast<long>(a == b); });
    return g;
}

static long run(const std::string &src, EnvP env)
{
    auto toks = tokenize(src);
    std::size_t i = 0;
    CellP last;
    while (i < toks.size()) last = eval(read(toks, i), env);
    return num(last);
}

int main()
{
    EnvP g = global_env();
    CHECK(run("(+ 1 2 (* 3 4))", g) == 15);
    CHECK(run("(define sq (lambda (x) (* x x))) (sq 12)", g) == 144);
    CHECK(run("(define fact (lambda (n) (if (< n 2) 1 (* n (fact (- n 1)))))) (fact 20)", g) == 2432902008176640000L);
    CHECK(run("(define fib (lambda (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))) (fib 10)", g) == 55);
    CHECK(run("(define gcd (lambda (a b) (if (= b 0) a (gcd b (% a b))))) (gcd 1071 462)", g) == 21);
    // closures capture their defining environment
    CHECK(run("(define make-adder (lambda (n) (lambda (x) (+ x n)))) (define add5 (make-adder 5)) (add5 37)", g) == 42);
    // tail-recursive loop of depth 1000 runs in constant C++ stack thanks to the eval loop
    CHECK(run("(define loop (lambda (i acc) (if (= i 0) acc (loop (- i 1) (+ acc i))))) (loop 1000 0)", g) == 500500);
    CHECK(run("(begin (define x 10) (define x (* x x)) (- x 1))", g) == 99);
    int errors = 0;
    for (const char *bad : {"(/ 1 0)", "(undefined 1)", "(+ 1", ")", "(1 2)"}) {
        try { run(bad, g); } catch (const std::exception &) { errors++; }
    }
    CHECK(errors == 5);
    long collatz = run("(define steps (lambda (n c) (if (= n 1) c (if (= (% n 2) 0) (steps (/ n 2) (+ c 1)) (steps (+ (* 3 n) 1) (+ c 1)))))) (steps 27 0)", g);
    CHECK(collatz == 111);
    std::printf("fib10=%ld collatz27=%ld errors=%d\n", run("(fib 10)", g), collatz, errors);
    g->vars.clear(); // break the global-environment <-> closure reference cycles
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
