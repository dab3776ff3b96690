/* Invalid C: llmcc must fail exactly as clang does. */
int main(void) { return undeclared_variable + ; }
