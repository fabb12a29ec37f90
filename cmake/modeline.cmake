# cmake -P script: a rule table as installed. Its first line names the rule-table schema for editors
# (yaml-language-server), by a path relative to the table: ../docs/schema/rules.schema.json in the
# source tree, SCHEMA once installed (the schemas go to share/dsselect/schema, the tables beside it).
#   cmake -DIN=rules/x.yaml -DOUT=build/x.yaml -DSCHEMA=../schema/rules.schema.json -P cmake/modeline.cmake
# Everything after that line is copied byte for byte.
if(NOT IN OR NOT OUT OR NOT SCHEMA)
  message(FATAL_ERROR "modeline.cmake needs -DIN=, -DOUT= and -DSCHEMA=")
endif()
file(READ "${IN}" text)
string(REGEX MATCH "^# yaml-language-server: \\$schema=[^\n]*\n" line "${text}")
if(NOT line)
  message(FATAL_ERROR "${IN}: the first line must be '# yaml-language-server: $schema=...' (docs/rules.md)")
endif()
string(LENGTH "${line}" skip)
string(SUBSTRING "${text}" ${skip} -1 rest)
file(WRITE "${OUT}.tmp" "# yaml-language-server: $schema=${SCHEMA}\n${rest}")
file(RENAME "${OUT}.tmp" "${OUT}")
