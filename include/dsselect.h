/* dsselect.h: the whole public API of the dsselect library. */
#ifndef DSSELECT_H
#define DSSELECT_H

#include <dsselect/version.h>

#include <dsselect/status.h>
#include <dsselect/ruleset.h>
#include <dsselect/spec.h>
#include <dsselect/eval.h>
#include <dsselect/report.h>
#include <dsselect/text.h>

#endif
