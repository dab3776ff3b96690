// Exercises: custom exception class hierarchies, catch ordering by base reference, std::nested_exception chains, exception slicing avoidance.
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>
#include <vector>
#include <utility>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

class AppError : public std::exception {
    std::string msg_;
public:
    explicit AppError(std::string m) : msg_(std::move(m)) {}
    const char *what() const noexcept override { return msg_.c_str(); }
    virtual int code() const noexcept { return 1; }
};
class IoError : public AppError {
public:
    using AppError::AppError;
    int code() const noexcept override { return 2; }
};
class ParseError : public AppError {
    int line_;
public:
    ParseError(const std::string &m, int line) : AppError(m + " at line " + std::to_string(line)), line_(line) {}
    int code() const noexcept override { return 3; }
    int line() const noexcept { return line_; }
};
class FatalParseError final : public ParseError {
public:
    using ParseError::ParseError;
    int code() const noexcept override { return 4; }
};

static void raise(int kind, int line)
{
    switch (kind) {
    case 0: throw AppError("generic");
    case 1: throw IoError("disk");
    case 2: throw ParseError("unexpected token", line);
    case 3: throw FatalParseError("bad header", line);
    default: throw std::runtime_error("std");
    }
}

static int classify(int kind)
{
    try {
        raise(kind, kind * 10);
    } catch (const FatalParseError &e) {
        return 400 + e.line();
    } catch (const ParseError &e) {
        return 300 + e.line();
    } catch (const AppError &e) {
        return 100 * e.code(); // virtual dispatch through base reference: IoError -> 200
    } catch (const std::exception &) {
        return 999;
    }
    return -1;
}

static void load_config(int stage)
{
    try {
        raise(stage, 5);
    } catch (...) {
        std::throw_with_nested(AppError("while loading config stage " + std::to_string(stage)));
    }
}

static void start_app(int stage)
{
    try {
        load_config(stage);
    } catch (...) {
        std::throw_with_nested(IoError("startup failed"));
    }
}

static void collect(const std::exception &e, std::vector<std::string> &out, std::vector<int> &codes)
{
    out.push_back(e.what());
    const AppError *ae = dynamic_cast<const AppError *>(&e);
    codes.push_back(ae ? ae->code() : 0);
    try {
        std::rethrow_if_nested(e);
    } catch (const std::exception &inner) {
        collect(inner, out, codes);
    }
}

int main()
{
    CHECK(classify(0) == 100);
    CHECK(classify(1) == 200);
    CHECK(classify(2) == 320);
    CHECK(classify(3) == 430);
    CHECK(classify(4) == 999);

    std::vector<std::string> chain;
    std::vector<int> codes;
    try {
        start_app(2);
    } catch (const std::exception &e) {
        collect(e, chain, codes);
    }
    CHECK(chain.size() == 3u);
    if (chain.size() == 3u) {
        CHECK(chain[0] == "startup failed");
        CHECK(chain[1] == "while loading config stage 2");
        CHECK(chain[2] == "unexpected token at line 5");
    }
    CHECK(codes == (std::vector<int>{2, 1, 3}));

    // catching by value slices; catching by reference does not
    int by_value = 0, by_ref = 0;
    try { raise(3, 1); } catch (AppError e) { by_value = e.code(); } // NOLINT: intentional slicing
    try { raise(3, 1); } catch (AppError &e) { by_ref = e.code(); }
    CHECK(by_value == 1 && by_ref == 4);

    // modifying the exception object through a reference is visible on rethrow
    int seen_line = 0;
    try {
        try { raise(2, 8); } catch (ParseError &e) { throw; }
    } catch (const ParseError &e) { seen_line = e.line(); }
    CHECK(seen_line == 8);

    // throwing a copy in the handler creates a new object of the static type
    int rethrown_code = 0;
    try {
        try { raise(3, 2); } catch (ParseError &e) { throw e; } // copies as ParseError (static type)
    } catch (const AppError &e) { rethrown_code = e.code(); }
    CHECK(rethrown_code == 3);

    int total = 0;
    for (int i = 0; i < 500; i++) total += classify(i % 5);
    CHECK(total == 100 * (100 + 200 + 320 + 430 + 999));
    std::printf("chain=%zu total=%d sliced=%d ref=%d\n", chain.size(), total, by_value, by_ref);
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
