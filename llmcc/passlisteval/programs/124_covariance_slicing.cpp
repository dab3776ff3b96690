// Exercises: covariant return types, object slicing vs polymorphic copies, pure virtual functions with a definition, final/override, NVI.
#include <cstdio>
#include <string>
#include <vector>
#include <memory>
#include <utility>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

class Animal {
public:
    explicit Animal(std::string n) : name_(std::move(n)) {}
    Animal(const Animal &) = default;
    Animal &operator=(const Animal &) = default;
    virtual ~Animal() = default;
    virtual Animal *clone() const = 0;
    virtual std::string sound() const { return "..."; }
    // non-virtual interface: fixed protocol, customizable steps
    std::string introduce() const { return "I am " + name_ + " and I say " + sound() + suffix(); }
    virtual int legs() const = 0;
    const std::string &name() const { return name_; }
protected:
    virtual std::string suffix() const { return "."; }
private:
    std::string name_;
};
int Animal::legs() const { return 4; } // pure virtual with a definition

class Dog : public Animal {
public:
    using Animal::Animal;
    Dog *clone() const override { return new Dog(*this); } // covariant
    std::string sound() const override { return "woof"; }
    int legs() const override { return Animal::legs(); }
    int tricks = 3;
};

class Puppy final : public Dog {
public:
    using Dog::Dog;
    Puppy *clone() const override { return new Puppy(*this); }
    std::string sound() const override { return "yip"; }
protected:
    std::string suffix() const override { return "!"; }
};

class Bird : public Animal {
public:
    using Animal::Animal;
    Bird *clone() const override { return new Bird(*this); }
    std::string sound() const override { return "tweet"; }
    int legs() const override { return 2; }
};

static std::string describe_by_value(Dog d) { return d.sound(); } // sliced to Dog
static std::string describe_by_ref(const Dog &d) { return d.sound(); }

int main()
{
    Puppy p("rex");
    Dog &dref = p;
    CHECK(describe_by_value(p) == "woof"); // slicing drops the Puppy override
    CHECK(describe_by_ref(p) == "yip");
    Dog sliced = dref;
    CHECK(sliced.sound() == "woof" && sliced.name() == "rex");

    std::unique_ptr<Puppy> pc(p.clone());        // covariant return gives Puppy* directly
    std::unique_ptr<Dog> dc(dref.clone());       // through Dog&: still creates a Puppy
    std::unique_ptr<Animal> ac(static_cast<Animal &>(p).clone());
    CHECK(pc->sound() == "yip" && dc->sound() == "yip" && ac->sound() == "yip");
    CHECK(dynamic_cast<Puppy *>(ac.get()) != nullptr);
    CHECK(p.introduce() == "I am rex and I say yip!");

    std::vector<std::unique_ptr<Animal>> zoo;
    for (int i = 0; i < 60; i++) {
        std::string n = "a" + std::to_string(i);
        if (i % 3 == 0) zoo.emplace_back(new Dog(n));
        else if (i % 3 == 1) zoo.emplace_back(new Puppy(n));
        else zoo.emplace_back(new Bird(n));
    }
    int legs = 0;
    std::size_t chars = 0;
    for (const auto &a : zoo) { legs += a->legs(); chars += a->introduce().size(); }
    CHECK(legs == 20 * 4 + 20 * 4 + 20 * 2);
    std::vector<std::unique_ptr<Animal>> copies;
    for (const auto &a : zoo) copies.emplace_back(a->clone());
    int same = 0;
    for (std::size_t i = 0; i < zoo.size(); i++) same += copies[i]->introduce() == zoo[i]->introduce();
    CHECK(same == 60);
    Dog *as_dog = dynamic_cast<Dog *>(copies[1].get());
    CHECK(as_dog && as_dog->tricks == 3);
    CHECK(dynamic_cast<Dog *>(copies[2].get()) == nullptr);
    std::printf("legs=%d chars=%zu intro=%s\n", legs, chars, zoo[2]->introduce().c_str());
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
