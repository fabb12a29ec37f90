/* bench_floor: the parse+print floor for the dsselect batch benchmark.
 *
 *   bench_floor [FILE]     reads NDJSON from FILE (or stdin)
 *
 * For every non-blank line (CRLF accepted, missing final newline accepted) it parses the line with
 * cJSON_ParseWithLength, frees the tree, and writes one constant small JSON object line. That is the
 * least any NDJSON-in, NDJSON-out tool built on cJSON and stdio has to do per record, so the ratio
 * dsselect/floor measures what the rule engine and the report cost on top of it.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* getline */
#endif
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>

#define IO_BUF (1 << 20)

int main(int argc, char **argv)
{
    static const char result[] = "{\"recommendation\":\"V1\",\"status\":\"recommended\"}\n";
    FILE *in = stdin;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;

    if (argc > 2) {
        fprintf(stderr, "usage: bench_floor [FILE]\n");
        return 64;
    }
    if (argc == 2) {
        in = fopen(argv[1], "r");
        if (!in) {
            perror(argv[1]);
            return 66;
        }
    }
    setvbuf(in, NULL, _IOFBF, IO_BUF);
    setvbuf(stdout, NULL, _IOFBF, IO_BUF);

    while ((len = getline(&line, &cap, in)) > 0) {
        size_t n = (size_t)len;
        cJSON *tree;
        if (line[n - 1] == '\n')
            n--;
        if (n && line[n - 1] == '\r')
            n--;
        if (n == 0)
            continue;
        tree = cJSON_ParseWithLength(line, n);
        cJSON_Delete(tree);
        if (fwrite(result, 1, sizeof result - 1, stdout) != sizeof result - 1)
            break;
    }
    free(line);
    if (ferror(in)) {
        perror("bench_floor: read");
        return 74;
    }
    if (in != stdin)
        fclose(in);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("bench_floor: write");
        return 74;
    }
    return 0;
}
