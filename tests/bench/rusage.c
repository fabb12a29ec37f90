/* bench_rusage: run one command and report its wall time, exit status and peak RSS.
 *
 *   bench_rusage REPORT CMD [ARG...]
 *
 * Runs CMD with this process's stdin, stdout and stderr, waits for it with waitpid, takes its rusage
 * with getrusage(RUSAGE_CHILDREN) (it is the only child, so that is its own), and writes one line
 * "EXIT MAXRSS_KIB WALL_SECONDS" to the file REPORT (EXIT is negative for a signal, 127 when CMD
 * cannot be executed). The wall time covers fork to reaped child, measured with CLOCK_MONOTONIC.
 *
 * Why not os.wait4 in run.py directly: on Linux, exec folds the high-water RSS of the address space it
 * replaces into the process's ru_maxrss. A child spawned by the Python driver starts from a copy of
 * (or, with vfork/posix_spawn, the very) address space of a ~15 MiB interpreter, so its ru_maxrss is
 * never below that. Forked from this small process, the child starts from well under 1 MiB.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <stdio.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    struct timespec t0, t1;
    struct rusage ru;
    int status, code;
    pid_t pid;
    FILE *report;

    if (argc < 3) {
        fprintf(stderr, "usage: bench_rusage REPORT CMD [ARG...]\n");
        return 64;
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid = fork();
    if (pid < 0) {
        perror("bench_rusage: fork");
        return 71;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        perror(argv[2]);
        _exit(127);
    }
    if (waitpid(pid, &status, 0) != pid) {
        perror("bench_rusage: waitpid");
        return 71;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (getrusage(RUSAGE_CHILDREN, &ru) != 0) {
        perror("bench_rusage: getrusage");
        return 71;
    }
    code = WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? -WTERMSIG(status) : -1;

    report = fopen(argv[1], "w");
    if (!report) {
        perror(argv[1]);
        return 73;
    }
    fprintf(report, "%d %ld %.9f\n", code, (long)ru.ru_maxrss,
            (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    if (fclose(report) != 0) {
        perror(argv[1]);
        return 74;
    }
    return 0;
}
