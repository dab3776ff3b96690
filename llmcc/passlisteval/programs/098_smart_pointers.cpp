// Exercises: unique_ptr trees, shared_ptr reference counts, weak_ptr back-links breaking cycles, custom deleters, enable_shared_from_this.
#include <cstdio>
#include <memory>
#include <vector>
#include <string>
#include <cstdint>
#include <utility>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

static int g_nodes;

struct TreeNode {
    int key;
    std::unique_ptr<TreeNode> left, right;
    explicit TreeNode(int k) : key(k) { ++g_nodes; }
    ~TreeNode() { --g_nodes; }
};

static void insert(std::unique_ptr<TreeNode> &root, int k)
{
    std::unique_ptr<TreeNode> *cur = &root;
    while (*cur) cur = k < (*cur)->key ? &(*cur)->left : &(*cur)->right;
    *cur = std::make_unique<TreeNode>(k);
}
static int height(const TreeNode *n) { if (!n) return 0; int a = height(n->left.get()), b = height(n->right.get()); return 1 + (a > b ? a : b); }
static long sum(const TreeNode *n) { return n ? n->key + sum(n->left.get()) + sum(n->right.get()) : 0; }
// remove the minimum node, transferring ownership of its right child
static int pop_min(std::unique_ptr<TreeNode> &root)
{
    std::unique_ptr<TreeNode> *cur = &root;
    while ((*cur)->left) cur = &(*cur)->left;
    int k = (*cur)->key;
    std::unique_ptr<TreeNode> right = std::move((*cur)->right);
    *cur = std::move(right);
    return k;
}

static int g_people;
struct Person {
    std::string name;
    std::vector<std::shared_ptr<Person>> children;
    std::weak_ptr<Person> parent;
    explicit Person(std::string n) : name(std::move(n)) { ++g_people; }
    ~Person() { --g_people; }
};

struct Session : std::enable_shared_from_this<Session> {
    int id;
    explicit Session(int i) : id(i) {}
    std::shared_ptr<Session> self() { return shared_from_this(); }
};

static int g_closed;
struct FakeHandle { int fd; };
struct HandleCloser { void operator()(FakeHandle *h) const { g_closed += h->fd; delete h; } };

int main()
{
    {
        std::unique_ptr<TreeNode> root;
        uint32_t s = 99;
        long expect = 0;
        for (int i = 0; i < 2000; i++) { s ^= s << 13; s ^= s >> 17; s ^= s << 5; int k = static_cast<int>(s % 100000); insert(root, k); expect += k; }
        CHECK(g_nodes == 2000 && sum(root.get()) == expect);
        int h = height(root.get());
        CHECK(h >= 11 && h < 60);
        int prev = -1, ordered = 1;
        for (int i = 0; i < 500; i++) { int k = pop_min(root); if (k < prev) ordered = 0; prev = k; expect -= k; }
        CHECK(ordered && g_nodes == 1500 && sum(root.get()) == expect);
        std::unique_ptr<TreeNode> stolen = std::move(root->left);
        int before = g_nodes;
        stolen.reset();
        CHECK(g_nodes < before);
        std::printf("height=%d remaining=%d\n", h, g_nodes);
    }
    CHECK(g_nodes == 0);

    {
        auto root = std::make_shared<Person>("root");
        for (int i = 0; i < 5; i++) {
            auto c = std::make_shared<Person>("c" + std::to_string(i));
            c->parent = root;
            for (int j = 0; j < 3; j++) {
                auto g = std::make_shared<Person>("g" + std::to_string(i) + std::to_string(j));
                g->parent = c;
                c->children.push_back(g);
            }
            root->children.push_back(c);
        }
        CHECK(g_people == 21 && root.use_count() == 1);
        auto grandchild = root->children[2]->children[1];
        CHECK(grandchild.use_count() == 2);
        auto p = grandchild->parent.lock();
        CHECK(p && p->name == "c2" && p->parent.lock() == root);
        std::weak_ptr<Person> watch = root->children[4];
        root->children.pop_back();
        CHECK(watch.expired() && g_people == 17);
        p.reset();
        root.reset(); // weak back-links do not keep the tree alive; grandchild still held
        CHECK(g_people == 1 && grandchild->parent.expired());
    }
    CHECK(g_people == 0);

    {
        auto s = std::make_shared<Session>(7);
        auto s2 = s->self();
        CHECK(s2 == s && s.use_count() == 2);
        std::vector<std::shared_ptr<Session>> pool(10, s);
        CHECK(s.use_count() == 12);
        pool.clear();
        CHECK(s.use_count() == 2);
        std::shared_ptr<int> alias(s, &s->id); // aliasing constructor
        CHECK(*alias == 7 && s.use_count() == 3);
    }

    {
        std::unique_ptr<FakeHandle, HandleCloser> h1(new FakeHandle{3});
        std::shared_ptr<FakeHandle> h2(new FakeHandle{40}, HandleCloser{});
        auto h3 = h2;
        h1.reset(new FakeHandle{5});
        CHECK(g_closed == 3);
    }
    CHECK(g_closed == 48);
    std::printf("closed=%d\n", g_closed);
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
