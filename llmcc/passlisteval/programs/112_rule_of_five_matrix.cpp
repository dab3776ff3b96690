// Exercises: rule-of-five class owning a heap matrix (copy/move ctor+assign, swap, self-assignment), plus operators and value semantics.
#include <cstdio>
#include <cstring>
#include <utility>
#include <vector>
#include <cstdint>
#include <stdexcept>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

static int g_live_buffers;

class Matrix {
    std::size_t r_ = 0, c_ = 0;
    long *d_ = nullptr;
public:
    Matrix() = default;
    Matrix(std::size_t r, std::size_t c, long fill = 0) : r_(r), c_(c), d_(r * c ? new long[r * c] : nullptr)
    {
        if (d_) ++g_live_buffers;
        for (std::size_t i = 0; i < r * c; i++) d_[i] = fill;
    }
    Matrix(const Matrix &o) : r_(o.r_), c_(o.c_), d_(o.d_ ? new long[o.r_ * o.c_] : nullptr)
    {
        if (d_) { ++g_live_buffers; std::memcpy(d_, o.d_, r_ * c_ * sizeof(long)); }
    }
    Matrix(Matrix &&o) noexcept : r_(std::exchange(o.r_, 0)), c_(std::exchange(o.c_, 0)), d_(std::exchange(o.d_, nullptr)) {}
    Matrix &operator=(const Matrix &o)
    {
        if (this == &o) return *this;
        Matrix tmp(o);
        swap(tmp);
        return *this;
    }
    Matrix &operator=(Matrix &&o) noexcept
    {
        if (this != &o) { Matrix tmp(std::move(o)); swap(tmp); }
        return *this;
    }
    ~Matrix() { if (d_) { --g_live_buffers; delete[] d_; } }
    void swap(Matrix &o) noexcept { std::swap(r_, o.r_); std::swap(c_, o.c_); std::swap(d_, o.d_); }

    std::size_t rows() const { return r_; }
    std::size_t cols() const { return c_; }
    long &operator()(std::size_t i, std::size_t j) { return d_[i * c_ + j]; }
    long operator()(std::size_t i, std::size_t j) const { return d_[i * c_ + j]; }
    bool empty() const { return d_ == nullptr; }

    friend Matrix operator*(const Matrix &a, const Matrix &b)
    {
        if (a.c_ != b.r_) throw std::invalid_argument("shape");
        Matrix r(a.r_, b.c_);
        for (std::size_t i = 0; i < a.r_; i++)
            for (std::size_t k = 0; k < a.c_; k++) {
                long aik = a(i, k);
                for (std::size_t j = 0; j < b.c_; j++) r(i, j) += aik * b(k, j);
            }
        return r;
    }
    Matrix &operator+=(const Matrix &o) { for (std::size_t i = 0; i < r_ * c_; i++) d_[i] += o.d_[i]; return *this; }
    friend bool operator==(const Matrix &a, const Matrix &b)
    {
        if (a.r_ != b.r_ || a.c_ != b.c_) return false;
        return a.r_ * a.c_ == 0 || std::memcmp(a.d_, b.d_, a.r_ * a.c_ * sizeof(long)) == 0;
    }
    Matrix transposed() const { Matrix t(c_, r_); for (std::size_t i = 0; i < r_; i++) for (std::size_t j = 0; j < c_; j++) t(j, i) = (*this)(i, j); return t; }
};

static Matrix identity(std::size_t n) { Matrix m(n, n); for (std::size_t i = 0; i < n; i++) m(i, i) = 1; return m; }
static Matrix power(Matrix base, unsigned e)
{
    Matrix r = identity(base.rows());
    while (e) { if (e & 1) r = r * base; base = base * base; e >>= 1; }
    return r;
}

int main()
{
    {
        Matrix a(3, 4, 2), b = a;
        CHECK(a == b && g_live_buffers == 2);
        b(1, 1) = 99;
        CHECK(!(a == b) && a(1, 1) == 2);
        Matrix c = std::move(b);
        CHECK(b.empty() && c(1, 1) == 99 && g_live_buffers == 2);
        b = c;               // assign into moved-from object
        CHECK(b == c && g_live_buffers == 3);
        Matrix &alias = c;
        c = alias;           // self copy-assignment
        c = std::move(alias); // self move-assignment
        CHECK(c(1, 1) == 99 && g_live_buffers == 3);
        a = std::move(c);
        CHECK(a(1, 1) == 99 && g_live_buffers == 2);
        std::vector<Matrix> v;
        for (int i = 0; i < 50; i++) v.emplace_back(2, 2, i);
        CHECK(g_live_buffers == 52);
        v.erase(v.begin(), v.begin() + 25);
        CHECK(g_live_buffers == 27 && v.front()(0, 0) == 25);
    }
    CHECK(g_live_buffers == 0);

    // Fibonacci via matrix power: [[1,1],[1,0]]^n
    Matrix f(2, 2, 1);
    f(1, 1) = 0;
    Matrix f50 = power(f, 50);
    CHECK(f50(0, 1) == 12586269025L);
    // (AB)^T == B^T A^T and associativity on random matrices
    Matrix A(7, 5), B(5, 9), C(9, 4);
    uint32_t s = 3;
    auto rnd = [&s] { s ^= s << 13; s ^= s >> 17; s ^= s << 5; return static_cast<long>(s % 21) - 10; };
    for (std::size_t i = 0; i < 7; i++) for (std::size_t j = 0; j < 5; j++) A(i, j) = rnd();
    for (std::size_t i = 0; i < 5; i++) for (std::size_t j = 0; j < 9; j++) B(i, j) = rnd();
    for (std::size_t i = 0; i < 9; i++) for (std::size_t j = 0; j < 4; j++) C(i, j) = rnd();
    CHECK((A * B).transposed() == B.transposed() * A.transposed());
    CHECK((A * B) * C == A * (B * C));
    Matrix S = A * B;
    S += A * B;
    Matrix twice = A * B;
    for (std::size_t i = 0; i < twice.rows(); i++) for (std::size_t j = 0; j < twice.cols(); j++) twice(i, j) *= 2;
    CHECK(S == twice);
    bool threw = false;
    try { (void)(A * A); } catch (const std::invalid_argument &) { threw = true; }
    CHECK(threw);
    long tr = 0;
    Matrix P = power(identity(6), 1000);
    for (std::size_t i = 0; i < 6; i++) tr += P(i, i);
    CHECK(tr == 6);
    Matrix ABC = A * B * C;
    long sum = 0;
    for (std::size_t i = 0; i < ABC.rows(); i++) for (std::size_t j = 0; j < ABC.cols(); j++) sum += ABC(i, j);
    std::printf("fib50=%ld sumABC=%ld live=%d\n", f50(0, 1), sum, g_live_buffers);
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
