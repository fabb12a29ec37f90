# cmake -P script: turns a file into a C array, so the default rule table is
# compiled into the library (no Perl, no xxd, no network).
#   cmake -DIN=rules/x.yaml -DOUT=build/x.c -DNAME=dsi_default_rules [-DLEAN=1] -P cmake/embed.cmake
# With LEAN, the copy leaves out what decisions never read (comment lines, the
# rules' examples and the table's cases), so that loading it costs less: a
# whole process for one spec is mostly this load. The full text is embedded too.
if(NOT IN OR NOT OUT OR NOT NAME)
  message(FATAL_ERROR "embed.cmake needs -DIN=, -DOUT= and -DNAME=")
endif()
set(src "${IN}")
if(LEAN)
  file(READ "${IN}" text)
  string(REGEX REPLACE "\n    examples:\n(      - [^\n]*\n)+" "\n" text "${text}")
  string(REGEX REPLACE "\ncases:\n.*$" "\n" text "${text}")
  string(REGEX REPLACE "\n[ ]*#[^\n]*" "" text "${text}")
  set(src "${OUT}.yaml")
  file(WRITE "${src}" "${text}")
endif()
file(READ "${src}" hex HEX)
file(SIZE "${src}" size)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," body "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" body "${body}")
file(WRITE "${OUT}.tmp"
  "/* Generated from ${IN} by cmake/embed.cmake; do not edit. */\n"
  "#include <stddef.h>\n"
  "extern const unsigned char ${NAME}[];\nextern const size_t ${NAME}_len;\n"
  "const unsigned char ${NAME}[] = {\n${body}0x00\n};\n"
  "const size_t ${NAME}_len = ${size};\n")
file(RENAME "${OUT}.tmp" "${OUT}")
