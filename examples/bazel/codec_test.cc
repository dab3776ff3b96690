// RFC 4648 test vectors and RLE round trips.
#include <cstdio>
#include <cstring>
#include <string>

#include "base64.h"
#include "rle.h"

static int failures = 0;

static void expect(bool ok, const std::string &what) {
  if (!ok) {
    std::printf("FAIL: %s\n", what.c_str());
    failures++;
  }
}

int main() {
  const char *vectors[][2] = {{"", ""},         {"f", "Zg=="},         {"fo", "Zm8="},
                              {"foo", "Zm9v"},  {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="},
                              {"foobar", "Zm9vYmFy"}};
  for (auto &v : vectors) {
    char out[64];
    unsigned char back[64];
    size_t n = std::strlen(v[0]);
    b64_encode(out, reinterpret_cast<const unsigned char *>(v[0]), n);
    expect(std::string(out) == v[1], std::string("encode ") + v[0]);
    expect(b64_encoded_len(n) == std::strlen(v[1]), std::string("length ") + v[0]);
    size_t m = b64_decode(back, v[1], std::strlen(v[1]));
    expect(m == n && std::memcmp(back, v[0], n) == 0, std::string("decode ") + v[1]);
  }
  const unsigned char bin[] = {0xfb, 0xff, 0xfe};
  char url[8];
  b64url_encode(url, bin, 3);
  expect(std::string(url) == "-__-", "url-safe alphabet");
  unsigned char junk[8];
  expect(b64_decode(junk, "Zm9=v", 5) == static_cast<size_t>(-1), "rejects bad length");
  expect(b64_decode(junk, "Zm*v", 4) == static_cast<size_t>(-1), "rejects bad character");

  std::string text(300, 'x');
  text += "yyz";
  unsigned char enc[1024], dec[1024];
  size_t e = rle_encode(enc, reinterpret_cast<const unsigned char *>(text.data()), text.size());
  expect(e == 8, "rle splits runs at 255");
  expect(rle_decoded_len(enc, e) == text.size(), "rle_decoded_len");
  expect(rle_count_bytes(enc, e) == text.size(), "rle_count_bytes");
  size_t d = rle_decode(dec, sizeof dec, enc, e);
  expect(d == text.size() && std::memcmp(dec, text.data(), d) == 0, "rle round trip");
  expect(rle_decode(dec, 10, enc, e) == static_cast<size_t>(-1), "rle respects capacity");
  std::printf("%s\n", failures ? "FAILED" : "OK");
  return failures != 0;
}
