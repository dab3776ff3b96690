/* Too small for any list to beat -Oz: llmcc must fall back, byte for byte. */
int answer(void) { return 42; }
