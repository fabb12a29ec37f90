/*
 * climsg.h: every message the dsselect command writes for people, in English
 * and in Chinese. An M_ id expands to two printf formats, "English", "中文",
 * with the same conversions in the same order; cli_say(), cli_say_at() and
 * cli_tr() take the pair and use the one of --lang (or the locale).
 *
 * Chinese text uses full-width punctuation (，：；（）“”), keeps flags, keys,
 * values and numbers as they are typed, and uses the terms of docs/i18n.md.
 * The test tests/structure/test_messages.py walks every id.
 */
#ifndef DS_CLIMSG_H
#define DS_CLIMSG_H

/* ---- shared ---- */
#define M_CLI_OUT_OF_MEMORY "out of memory", "内存不足"
#define M_CLI_WRITE_FAILED "cannot write the output: %s", "无法写出结果：%s"

/* ---- batches, inputs, detection ---- */
#define M_CLI_CANNOT_OPEN "cannot open: %s", "无法打开：%s"
#define M_CLI_CANNOT_READ "cannot read: %s", "无法读取：%s"
#define M_CLI_SPEC_TOO_LARGE "spec is larger than the %u MiB limit", "工作负载描述超过了 %u MiB 的上限"
#define M_CLI_FLAG_CLASH "%s:%u:%u: fact flag '--%s' is also a dsselect option; rename it", \
	"%s:%u:%u: 事实的选项“--%s”与 dsselect 自身的选项重名；请改名"
#define M_CLI_LINE_TOO_LONG "line is longer than the %u MiB limit", "这一行超过了 %u MiB 的上限"
#define M_CLI_DIR_OPEN "cannot open the directory: %s", "无法打开目录：%s"
#define M_CLI_DIR_READ "cannot read the directory: %s", "无法读取目录：%s"
#define M_CLI_NO_SPECS "no spec files (*.json, *.yaml, *.yml) in the directory", \
	"目录中没有工作负载描述文件（*.json、*.yaml、*.yml）"
#define M_CLI_TMPDIR_LONG "TMPDIR is too long for a temporary file: %s", "TMPDIR 过长，无法建立临时文件：%s"
#define M_CLI_TMP_MAKE "%s: cannot make a temporary file for the JUnit report: %s", \
	"%s: 无法为 JUnit 报告建立临时文件：%s"
#define M_CLI_TMP_OPEN "cannot open the JUnit report's temporary file: %s", "无法打开 JUnit 报告的临时文件：%s"
#define M_CLI_TMP_WRITE "cannot write the JUnit report's temporary file: %s", "无法写入 JUnit 报告的临时文件：%s"
#define M_CLI_TMP_READ "cannot read back the JUnit report's temporary file: %s", "无法读回 JUnit 报告的临时文件：%s"
/* a result against --expect, and a result's line in a CI report */
#define M_CLI_EXPECT "expected %s, got %s (%s)", "期望 %s，实际为 %s（%s）"
#define M_CLI_EXPECT_AT "%s: expected %s, got %s (%s)", "%s: 期望 %s，实际为 %s（%s）"
#define M_CLI_EXPECT_AT_LINE "%s:%lu: expected %s, got %s (%s)", "%s:%lu: 期望 %s，实际为 %s（%s）"
#define M_CLI_RECOMMENDED "recommended", "推荐"
#define M_CLI_DEFAULT "default", "默认"
#define M_CLI_CONFLICT "conflict", "冲突"
#define M_CLI_CI_CONFLICT "conflict: no model satisfies every hard rule; the least-bad choice is %s", \
	"冲突：没有模型满足全部硬性规则；备选为 %s"
#define M_CLI_CI_DEFAULT "%s by default: no rule told the models apart", "默认 %s：没有规则能区分各模型"
#define M_CLI_CI_RECOMMENDED "%s recommended", "推荐 %s"
/* progress on a terminal, and --summary: "12 records: V1 7, V2 4, conflict 1, ..." */
#define M_CLI_PROGRESS "%lu records, %lu conflicts, %lu errors; %.0f records/s", \
	"%lu 条记录，%lu 个冲突，%lu 个错误；每秒 %.0f 条记录"
#define M_CLI_SUMMARY_RECORDS "%lu records:", "%lu 条记录："
#define M_CLI_SUMMARY_MODEL " %lu,", " %lu 条，"
#define M_CLI_SUMMARY_TAIL " conflict %lu, default %lu, errors %lu; %.3f s, %.0f records/s", \
	"冲突 %lu 条，默认 %lu 条，错误 %lu 条；用时 %.3f 秒，每秒 %.0f 条记录"
/* --detect */
#define M_CLI_DETECT_WARN "--detect: %s: %s", "--detect 检测到 %s：%s"
#define M_CLI_DETECT_ONE "%s (%s MiB)", "%s（显存 %s MiB）"
#define M_CLI_DETECT_SAME "%d × %s (%s MiB each)", "%d 块 %s（每块 %s MiB）"
#define M_CLI_DETECT_MIXED "%d GPUs, the smallest %s (%s MiB)", "%d 块 GPU，最小的一块 %s（%s MiB）"
#define M_CLI_DETECT_MISFIT "the catalog's %.10g GB for %s", "目录中 %.10g GB 的 %s"
#define M_CLI_DETECT_FROM_CATALOG "gpu_mem %s, the catalog's size for %s", "gpu_mem 取 %s，即目录中 %s 的容量"
#define M_CLI_DETECT_MISFIT_NOTE " (%s does not fit it)", "（与%s 不符）"
#define M_CLI_DETECT_FROM_NAME "gpu_mem %s, the size its name states%s", "gpu_mem 取 %s，即名称中标明的容量%s"
#define M_CLI_DETECT_MISFIT_WHY "%s does not fit it", "与%s 不符"
#define M_CLI_DETECT_NO_CATALOG "no catalog size", "目录中没有该型号的容量"
#define M_CLI_DETECT_ROUNDED_UP \
	"gpu_mem 1, the reported %s MiB rounded up to 1 GB (a GPU counts at least 1; %s, no size in its name)", \
	"gpu_mem 取 1，即报告的 %s MiB 向上取整为 1 GB（GPU 至少计 1 GB；%s，名称中也未标明容量）"
#define M_CLI_DETECT_ROUNDED "gpu_mem %s, the reported %s MiB rounded to whole GB (%s, no size in its name)", \
	"gpu_mem 取 %s，即报告的 %s MiB 四舍五入到整数 GB（%s，名称中也未标明容量）"
#define M_CLI_DETECT_TIMEOUT \
	"--detect: nvidia-smi did not answer in 10 s; the GPU facts stay unknown (give --gpus and --gpu-mem)", \
	"--detect：nvidia-smi 在 10 秒内没有应答；GPU 相关的事实保持未知（请给出 --gpus 和 --gpu-mem）"
#define M_CLI_DETECT_FAILED \
	"--detect: nvidia-smi failed; the GPU facts stay unknown (give --gpus and --gpu-mem)", \
	"--detect：nvidia-smi 运行失败；GPU 相关的事实保持未知（请给出 --gpus 和 --gpu-mem）"
#define M_CLI_DETECT_UNREADABLE \
	"--detect: nvidia-smi said something unreadable; the GPU facts stay unknown (give --gpus and --gpu-mem)", \
	"--detect：nvidia-smi 的输出无法解读；GPU 相关的事实保持未知（请给出 --gpus 和 --gpu-mem）"
#define M_CLI_DETECT_REFUSED "--detect: nvidia-smi reports %d GPUs of %s GB, which the rule table refuses", \
	"--detect：nvidia-smi 报告 %d 块 %s GB 的 GPU，规则表不接受这些值"
#define M_CLI_DETECT_SUM_ONE "%d GPU (%s, %s GB each)", "%d 块 GPU（%s，每块 %s GB）"
#define M_CLI_DETECT_SUM_EACH "%d GPUs (%s, %s GB each)", "%d 块 GPU（%s，每块 %s GB）"
#define M_CLI_DETECT_SUM_SMALLEST "%d GPUs (%s, %s GB the smallest)", "%d 块 GPU（%s，最小的一块 %s GB）"
#define M_CLI_DETECT_MIXED_MODELS "mixed models", "型号不一"
#define M_CLI_DETECT_NO_GPU "no GPU (CPU only)", "没有 GPU（纯 CPU）"
#define M_CLI_DETECT_PLATFORM "platform kubernetes", "平台 kubernetes"
#define M_CLI_DETECT_AND_PLATFORM ", platform kubernetes", "，平台 kubernetes"
/* the system's words for the errors a user meets (cli_strerror); other errors keep strerror()'s text */
#define M_CLI_ERRNO_ENOENT "No such file or directory", "文件或目录不存在"
#define M_CLI_ERRNO_EACCES "Permission denied", "权限不足"
#define M_CLI_ERRNO_EISDIR "Is a directory", "这是一个目录"
#define M_CLI_ERRNO_ENOTDIR "Not a directory", "路径中有一项不是目录"
#define M_CLI_ERRNO_ENOSPC "No space left on device", "设备上没有剩余空间"
#define M_CLI_ERRNO_EIO "Input/output error", "输入/输出错误"
#define M_CLI_ERRNO_ELOOP "Too many levels of symbolic links", "符号链接的层数过多"
#define M_CLI_ERRNO_ENAMETOOLONG "File name too long", "文件名过长"
#define M_CLI_ERRNO_EMFILE "Too many open files", "打开的文件过多"
#define M_CLI_ERRNO_EROFS "Read-only file system", "只读文件系统"
#define M_CLI_ERRNO_EPIPE "Broken pipe", "管道已断开"

#endif
