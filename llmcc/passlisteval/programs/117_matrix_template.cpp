// Exercises: class templates with non-type parameters (fixed-size Matrix<T,R,C>), constexpr operations, template operators, generic determinant.
#include <cstdio>
#include <array>
#include <cstdint>
#include <type_traits>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

template <class T, std::size_t R, std::size_t C> struct Matrix {
    std::array<T, R * C> a{};
    constexpr T &operator()(std::size_t i, std::size_t j) { return a[i * C + j]; }
    constexpr const T &operator()(std::size_t i, std::size_t j) const { return a[i * C + j]; }
    static constexpr Matrix identity()
    {
        static_assert(R == C, "identity needs a square matrix");
        Matrix m;
        for (std::size_t i = 0; i < R; i++) m(i, i) = T(1);
        return m;
    }
    constexpr Matrix<T, C, R> transposed() const
    {
        Matrix<T, C, R> t;
        for (std::size_t i = 0; i < R; i++) for (std::size_t j = 0; j < C; j++) t(j, i) = (*this)(i, j);
        return t;
    }
    constexpr bool operator==(const Matrix &o) const { for (std::size_t k = 0; k < R * C; k++) if (a[k] != o.a[k]) return false; return true; }
    constexpr bool operator!=(const Matrix &o) const { return !(*this == o); }
    constexpr Matrix operator+(const Matrix &o) const { Matrix r; for (std::size_t k = 0; k < R * C; k++) r.a[k] = a[k] + o.a[k]; return r; }
    constexpr Matrix operator*(T s) const { Matrix r; for (std::size_t k = 0; k < R * C; k++) r.a[k] = a[k] * s; return r; }
};

template <class T, std::size_t R, std::size_t K, std::size_t C>
constexpr Matrix<T, R, C> operator*(const Matrix<T, R, K> &x, const Matrix<T, K, C> &y)
{
    Matrix<T, R, C> r;
    for (std::size_t i = 0; i < R; i++)
        for (std::size_t j = 0; j < C; j++) {
            T s{};
            for (std::size_t k = 0; k < K; k++) s += x(i, k) * y(k, j);
            r(i, j) = s;
        }
    return r;
}

template <class T, std::size_t N> constexpr Matrix<T, N, N> mpow(Matrix<T, N, N> b, unsigned e)
{
    Matrix<T, N, N> r = Matrix<T, N, N>::identity();
    while (e) { if (e & 1) r = r * b; b = b * b; e >>= 1; }
    return r;
}

// determinant by cofactor expansion for small N (template recursion on N)
template <class T, std::size_t N> struct Det {
    static constexpr T of(const Matrix<T, N, N> &m)
    {
        T total{};
        for (std::size_t col = 0; col < N; col++) {
            Matrix<T, N - 1, N - 1> minor;
            for (std::size_t i = 1; i < N; i++)
                for (std::size_t j = 0, mj = 0; j < N; j++) if (j != col) minor(i - 1, mj++) = m(i, j);
            T term = m(0, col) * Det<T, N - 1>::of(minor);
            total = col % 2 ? total - term : total + term;
        }
        return total;
    }
};
template <class T> struct Det<T, 1> { static constexpr T of(const Matrix<T, 1, 1> &m) { return m(0, 0); } };

// modular integer type to instantiate the templates with a user-defined T
struct Mod {
    uint32_t v;
    static constexpr uint32_t P = 1000000007u;
    constexpr Mod(long x = 0) : v(static_cast<uint32_t>(((x % static_cast<long>(P)) + static_cast<long>(P)) % static_cast<long>(P))) {}
    constexpr Mod operator+(Mod o) const { return Mod(static_cast<long>(v) + o.v); }
    constexpr Mod operator-(Mod o) const { return Mod(static_cast<long>(v) - o.v); }
    constexpr Mod operator*(Mod o) const { return Mod(static_cast<long>(static_cast<uint64_t>(v) * o.v % P)); }
    constexpr Mod &operator+=(Mod o) { *this = *this + o; return *this; }
    constexpr bool operator!=(Mod o) const { return v != o.v; }
};

constexpr Matrix<long, 2, 2> FIBM{{1, 1, 1, 0}};
static_assert(mpow(FIBM, 40)(0, 1) == 102334155, "fib40 at compile time");
static_assert(Det<long, 3>::of(Matrix<long, 3, 3>{{2, 0, 1, 1, 3, 2, 1, 1, 2}}) == 6, "det3");

int main()
{
    Matrix<long, 3, 4> A;
    Matrix<long, 4, 2> B;
    uint32_t s = 9;
    auto rnd = [&s] { s ^= s << 13; s ^= s >> 17; s ^= s << 5; return static_cast<long>(s % 19) - 9; };
    for (auto &x : A.a) x = rnd();
    for (auto &x : B.a) x = rnd();
    Matrix<long, 3, 2> AB = A * B;
    CHECK(AB.transposed() == B.transposed() * A.transposed());
    CHECK((A * Matrix<long, 4, 4>::identity() == A));
    CHECK((A + A) == A * 2L);

    // det(XY) = det(X) det(Y) for 4x4, and det of a permutation of rows flips sign
    Matrix<long, 4, 4> X, Y;
    for (auto &x : X.a) x = rnd();
    for (auto &x : Y.a) x = rnd();
    long dx = Det<long, 4>::of(X), dy = Det<long, 4>::of(Y);
    CHECK((Det<long, 4>::of(X * Y) == dx * dy));
    Matrix<long, 4, 4> Xs = X;
    for (std::size_t j = 0; j < 4; j++) { long t = Xs(0, j); Xs(0, j) = Xs(2, j); Xs(2, j) = t; }
    CHECK((Det<long, 4>::of(Xs) == -dx));
    CHECK((Det<long, 4>::of(X.transposed()) == dx));

    // modular Fibonacci via matrix power with the Mod type
    Matrix<Mod, 2, 2> F;
    F(0, 0) = Mod(1); F(0, 1) = Mod(1); F(1, 0) = Mod(1); F(1, 1) = Mod(0);
    Mod f = mpow(F, 1000)(0, 1);
    Mod a(0), b(1);
    for (int i = 0; i < 1000; i++) { Mod t = a + b; a = b; b = t; }
    CHECK(!(f != a) && f.v == 517691607u);
    Matrix<Mod, 5, 5> M5;
    for (auto &x : M5.a) x = Mod(rnd());
    Mod d5 = Det<Mod, 5>::of(M5), d5t = Det<Mod, 5>::of(M5.transposed());
    CHECK(!(d5 != d5t));
    std::printf("AB00=%ld det=%ld,%ld fib1000=%u det5=%u\n", AB(0, 0), dx, dy, f.v, d5.v);
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
