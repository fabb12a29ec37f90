/* svg.c: a sweep's decision map as an SVG picture; the colors of its outcomes, the terminal grid's too. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ci.h"
#include "climsg.h"
#include "msg.h"
#include "svg.h"

/* The ANSI colors of the grid and the RGB that stands for each: a model's by its index, then red and dim. */
static const struct cli_hue hues[] = {
	{"\033[32m", "#2f9e44", "#acd8b4", "#ffffff"}, /* green */
	{"\033[34m", "#1f6fd1", "#a5c5ed", "#ffffff"}, /* blue */
	{"\033[35m", "#b040b0", "#dfb3df", "#ffffff"}, /* magenta */
	{"\033[36m", "#1597b5", "#a1d5e1", "#ffffff"}, /* cyan */
	{"\033[33m", "#d9a400", "#f0db99", "#1a1a1a"}, /* yellow */
};
static const struct cli_hue conflict_hue = {"\033[31m", "#d33a2c", "#d33a2c", "#ffffff"}; /* red */
static const struct cli_hue none_hue = {"\033[2m", "#c8c8c8", "#c8c8c8", "#1a1a1a"};      /* dim */
#define TINT_INK "#1a1a1a"
#define LINE_INK "#111111"

const struct cli_hue *cli_hue_of(int model, ds_outcome outcome)
{
	if (model < 0)
		return &none_hue;
	if (outcome == DS_CONFLICT)
		return &conflict_hue;
	return &hues[(size_t)model % (sizeof hues / sizeof hues[0])];
}

/* ---- the geometry, in pixels; text is measured by display columns (a CJK character two) ---- */

enum {
	MARGIN = 16,
	COL_PX = 7,      /* one display column of 12 px text, about */
	TITLE_COL_PX = 9, /* of the 15 px title */
	ROW_H = 24,
	MIN_CELL_W = 40,
	KEY_W = 36, KEY_H = 18, KEY_STEP = 24 /* a legend entry: a small cell, then its words */
};

/* Where things go: the grid's top left corner, a cell's size, the picture's size. */
struct layout {
	unsigned gx, gy, cw, rows, cols;
	unsigned title_y, fixed_y, rowcap_y, labels_y, colcap_y, legend_y;
	unsigned width, height;
};

static unsigned text_px(const char *s, unsigned per_col)
{
	return (unsigned)ds_text_width(s) * per_col;
}

static unsigned at_least(unsigned a, unsigned b)
{
	return a > b ? a : b;
}

/* ---- writing: markup as printf formats, every text escaped ---- */

static void put(struct ci_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct ci_buf *b, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap); /* markup and numbers only: short */
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof tmp)
		b->oom = 1;
	else
		cli_ci_put(b, tmp, (size_t)n);
}

/* Text content (attr 0) or an attribute's value (attr 1), escaped for XML. */
static void esc(struct ci_buf *b, const char *s, int attr)
{
	if (cli_ci_xml_escape(b, s, attr))
		b->oom = 1;
}

/* A message of climsg.h in the language, formatted into a new string (NULL out of memory). */
static char *say(const char *en, const char *zh, ...) __attribute__((format(printf, 1, 3)));
static char *say(const char *en, const char *zh, ...)
{
	const char *f = cli_tr(en, zh);
	va_list ap;
	char *s;
	int n;

	va_start(ap, zh);
	n = vsnprintf(NULL, 0, f, ap);
	va_end(ap);
	if (n < 0 || (s = malloc((size_t)n + 1)) == NULL)
		return NULL;
	va_start(ap, zh);
	vsnprintf(s, (size_t)n + 1, f, ap);
	va_end(ap);
	return s;
}

/* A text element at x, y (the baseline), its words escaped; anchor "start", "middle" or "end". */
static void text_at(struct ci_buf *b, unsigned x, unsigned y, const char *anchor, const char *extra, const char *s)
{
	put(b, "<text x=\"%u\" y=\"%u\" text-anchor=\"%s\"%s>", x, y, anchor, extra);
	esc(b, s, 0);
	cli_ci_puts(b, "</text>\n");
}

/* As text_at(), for a message freshly formatted by say(), which it frees; NULL (out of memory) marks b. */
static unsigned text_owned(struct ci_buf *b, unsigned x, unsigned y, const char *anchor, const char *extra, char *s,
                           unsigned per_col)
{
	unsigned w;

	if (s == NULL) {
		b->oom = 1;
		return 0;
	}
	text_at(b, x, y, anchor, extra, s);
	w = text_px(s, per_col);
	free(s);
	return w;
}

/* ---- the picture's parts ---- */

static size_t npoints(const struct cli_map *m)
{
	return m->nax == 2 ? m->ax[0].n * m->ax[1].n : m->ax[0].n;
}

/* The axis along the columns: the second of two, or the only one. */
static const struct cli_map_axis *col_axis(const struct cli_map *m)
{
	return &m->ax[m->nax == 2 ? 1 : 0];
}

static struct layout lay_out(const struct cli_map *m)
{
	const struct cli_map_axis *ca = col_axis(m);
	struct layout l;
	unsigned lw = 0, cw = MIN_CELL_W;
	size_t i;

	memset(&l, 0, sizeof l);
	l.rows = m->nax == 2 ? (unsigned)m->ax[0].n : 1;
	l.cols = (unsigned)ca->n;
	for (i = 0; i < ca->n; i++)
		cw = at_least(cw, text_px(ca->labels[i], COL_PX) + 12);
	for (i = 0; i < ds_ruleset_model_count(m->rs); i++) /* the id and its mark, * or ! */
		cw = at_least(cw, text_px(ds_ruleset_model_id(m->rs, i), COL_PX) + COL_PX + 12);
	if (m->nax == 2)
		for (i = 0; i < m->ax[0].n; i++)
			lw = at_least(lw, text_px(m->ax[0].labels[i], COL_PX));
	l.cw = cw;
	l.gx = MARGIN + (m->nax == 2 ? lw + 8 : 0);
	l.title_y = MARGIN + 15;
	l.fixed_y = l.title_y + 20;
	l.rowcap_y = m->nax == 2 ? l.fixed_y + 24 : l.fixed_y;
	l.gy = l.rowcap_y + (m->nax == 2 ? 10 : 16);
	l.labels_y = l.gy + l.rows * ROW_H + 16;
	l.colcap_y = l.labels_y + 22;
	l.legend_y = l.colcap_y + 18;
	l.width = l.gx + l.cols * l.cw + MARGIN; /* widened by the texts as they are written */
	return l;
}

/* A cell's words: the model (or -) and its mark, * for the table's default, ! for a conflict. */
static void cell_words(const struct cli_map *m, size_t k, char *out, size_t n)
{
	if (m->model[k] < 0)
		snprintf(out, n, "-");
	else
		snprintf(out, n, "%s%s", ds_ruleset_model_id(m->rs, (size_t)m->model[k]),
		         m->outcome[k] == DS_CONFLICT ? "!" : m->outcome[k] == DS_DEFAULT ? "*" : "");
}

/* A small cell of the grid's kind: its fill and its words (the legend draws them too). */
static void cell_box(struct ci_buf *b, unsigned x, unsigned y, unsigned w, unsigned h, int model, ds_outcome o,
                     const char *words)
{
	const struct cli_hue *hue = cli_hue_of(model, o);
	int tint = model >= 0 && o == DS_DEFAULT;

	put(b, "<rect x=\"%u\" y=\"%u\" width=\"%u\" height=\"%u\" fill=\"%s\" stroke=\"#ffffff\"/>\n", x, y, w, h,
	    tint ? hue->tint : hue->fill);
	put(b, "<text x=\"%u\" y=\"%u\" text-anchor=\"middle\" fill=\"%s\">", x + w / 2, y + h / 2 + 4,
	    tint ? TINT_INK : hue->ink);
	esc(b, words, 0);
	cli_ci_puts(b, "</text>\n");
}

/* The status as JSON spells it (data-status): the same in every language. */
static const char *status_word(int model, ds_outcome o)
{
	return model < 0 ? "error" : ds_outcome_str(o);
}

/* Every cell: a group with its tooltip (the point and its outcome), its box and its words. */
static void cells(struct ci_buf *b, const struct cli_map *m, const struct layout *l)
{
	const char *sep = cli_tr(M_WORD_LIST_SEP);
	unsigned i, j;
	char words[300];

	cli_ci_puts(b, "<g class=\"cells\">\n");
	for (i = 0; i < l->rows; i++)
		for (j = 0; j < l->cols; j++) {
			size_t k = (size_t)i * l->cols + j;
			const char *id = m->model[k] < 0 ? "-" : ds_ruleset_model_id(m->rs, (size_t)m->model[k]);
			const char *st = m->model[k] < 0 ? cli_tr(M_OUTCOME_ERROR) : cli_outcome_word(m->outcome[k]);
			char *point;

			cell_words(m, k, words, sizeof words);
			put(b, "<g class=\"cell\" data-row=\"%u\" data-col=\"%u\" data-status=\"%s\" data-model=\"", i, j,
			    status_word(m->model[k], m->outcome[k]));
			esc(b, id, 1);
			cli_ci_puts(b, "\"><title>");
			point = m->nax == 2 ? say(M_SVG_CELL2, m->ax[0].key, m->ax[0].labels[i], sep, m->ax[1].key,
			                          m->ax[1].labels[j], id, st)
			                    : say(M_SVG_CELL1, m->ax[0].key, m->ax[0].labels[j], id, st);
			if (point == NULL) {
				b->oom = 1;
				return;
			}
			esc(b, point, 0);
			free(point);
			cli_ci_puts(b, "</title>\n");
			cell_box(b, l->gx + j * l->cw, l->gy + i * ROW_H, l->cw, ROW_H, m->model[k], m->outcome[k], words);
			cli_ci_puts(b, "</g>\n");
		}
	cli_ci_puts(b, "</g>\n");
}

/* Whether points k and q differ: another model, another status, or one of them no workload. */
static int differ(const struct cli_map *m, size_t k, size_t q)
{
	if (m->model[k] < 0 || m->model[q] < 0)
		return m->model[k] != m->model[q];
	return m->model[k] != m->model[q] || m->outcome[k] != m->outcome[q];
}

/* The decision's boundaries: a line on each edge between two neighbouring cells that differ. */
static void boundaries(struct ci_buf *b, const struct cli_map *m, const struct layout *l)
{
	unsigned i, j;
	int any = 0;

	for (i = 0; i < l->rows; i++)
		for (j = 0; j < l->cols; j++) {
			size_t k = (size_t)i * l->cols + j;
			int right = j + 1 < l->cols && differ(m, k, k + 1), down = i + 1 < l->rows && differ(m, k, k + l->cols);
			if ((right || down) && !any) {
				put(b, "<path class=\"boundary\" fill=\"none\" stroke=\"%s\" stroke-width=\"3\" "
				       "stroke-linecap=\"square\" d=\"",
				    LINE_INK);
				any = 1;
			}
			if (right)
				put(b, "M%u %uv%u", l->gx + (j + 1) * l->cw, l->gy + i * ROW_H, (unsigned)ROW_H);
			if (down)
				put(b, "M%u %uh%u", l->gx + j * l->cw, l->gy + (i + 1) * ROW_H, l->cw);
		}
	if (any)
		cli_ci_puts(b, "\"/>\n");
}

/* An axis's caption: its fact, the unit for a number, the help. NULL out of memory. */
static char *caption(const struct cli_map_axis *a)
{
	return a->unit[0] ? say(M_SVG_AXIS_UNIT, a->key, a->unit, a->help) : say(M_SVG_AXIS, a->key, a->help);
}

/* The values along both axes and the axes' captions. */
static void axes(struct ci_buf *b, const struct cli_map *m, struct layout *l)
{
	const struct cli_map_axis *ca = col_axis(m);
	char *cap;
	size_t i;

	if (m->nax == 2) {
		for (i = 0; i < m->ax[0].n; i++)
			text_at(b, l->gx - 8, l->gy + (unsigned)i * ROW_H + ROW_H / 2 + 4, "end", "", m->ax[0].labels[i]);
		if ((cap = caption(&m->ax[0])) != NULL) {
			char *arrow = malloc(strlen(cap) + 8);
			if (arrow)
				sprintf(arrow, "\xE2\x86\x93 %s", cap); /* down the rows */
			free(cap);
			cap = arrow;
		}
		l->width = at_least(l->width, MARGIN + text_owned(b, MARGIN, l->rowcap_y, "start", "", cap, COL_PX) + MARGIN);
	}
	for (i = 0; i < ca->n; i++)
		text_at(b, l->gx + (unsigned)i * l->cw + l->cw / 2, l->labels_y, "middle", "", ca->labels[i]);
	if ((cap = caption(ca)) != NULL) {
		char *arrow = malloc(strlen(cap) + 8);
		if (arrow)
			sprintf(arrow, "%s \xE2\x86\x92", cap); /* along the columns */
		free(cap);
		cap = arrow;
	}
	l->width = at_least(l->width, l->gx + text_owned(b, l->gx, l->colcap_y, "start", "", cap, COL_PX) + MARGIN);
}

/* One entry of the legend: a small cell like the grid's (or a line), then what it means. */
static void key(struct ci_buf *b, struct layout *l, unsigned *y, int model, ds_outcome o, const char *words,
                char *meaning)
{
	if (words) {
		put(b, "<g class=\"key\" data-status=\"%s\">\n", status_word(model, o));
		cell_box(b, MARGIN, *y, KEY_W, KEY_H, model, o, words);
	} else {
		cli_ci_puts(b, "<g class=\"key\" data-status=\"boundary\">\n");
		put(b, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"3\" d=\"M%u %uh%u\"/>\n", LINE_INK, MARGIN + 4,
		    *y + KEY_H / 2, (unsigned)KEY_W - 8);
	}
	l->width = at_least(l->width, MARGIN + KEY_W + 8 + text_owned(b, MARGIN + KEY_W + 8, *y + KEY_H / 2 + 4, "start",
	                                                                "", meaning, COL_PX) + MARGIN);
	cli_ci_puts(b, "</g>\n");
	*y += KEY_STEP;
}

/* The legend: each model recommended and by default, a conflict, a point that is no workload, a boundary. */
static void legend(struct ci_buf *b, const struct cli_map *m, struct layout *l)
{
	unsigned y = l->legend_y;
	size_t i, nm = ds_ruleset_model_count(m->rs);
	char words[300];

	cli_ci_puts(b, "<g class=\"legend\">\n");
	for (i = 0; i < nm; i++) {
		const char *id = ds_ruleset_model_id(m->rs, i);
		key(b, l, &y, (int)i, DS_RECOMMENDED, id, say(M_SVG_KEY_RECOMMENDED, id));
		snprintf(words, sizeof words, "%s*", id);
		key(b, l, &y, (int)i, DS_DEFAULT, words, say(M_SVG_KEY_DEFAULT, id));
	}
	key(b, l, &y, 0, DS_CONFLICT, "!", say(M_SVG_KEY_CONFLICT));
	if (m->nbad)
		key(b, l, &y, -1, DS_RECOMMENDED, "-", say(M_SVG_KEY_NONE, m->nbad));
	key(b, l, &y, 0, DS_RECOMMENDED, NULL, say(M_SVG_KEY_BOUNDARY));
	cli_ci_puts(b, "</g>\n");
	l->height = y - KEY_STEP + KEY_H + MARGIN;
}

/* The title (the facts swept, the spec's id) and the fixed facts under it. */
static void titles(struct ci_buf *b, const struct cli_map *m, struct layout *l, char **title)
{
	char *over = malloc(strlen(m->ax[0].key) + (m->nax == 2 ? strlen(m->ax[1].key) : 0) + 8);
	unsigned w;

	*title = NULL;
	if (over == NULL) {
		b->oom = 1;
		return;
	}
	sprintf(over, "%s%s%s", m->ax[0].key, m->nax == 2 ? " \xC3\x97 " : "", m->nax == 2 ? m->ax[1].key : "");
	*title = m->id ? say(M_SVG_TITLE_ID, m->id, over) : say(M_SVG_TITLE, over);
	free(over);
	if (*title == NULL) {
		b->oom = 1;
		return;
	}
	text_at(b, MARGIN, l->title_y, "start", " font-size=\"15\" font-weight=\"bold\"", *title);
	l->width = at_least(l->width, MARGIN + text_px(*title, TITLE_COL_PX) + MARGIN);
	w = text_owned(b, MARGIN, l->fixed_y, "start", "",
	               m->fixed[0] ? say(M_SVG_FIXED, m->fixed) : say(M_SVG_FIXED_NONE), COL_PX);
	l->width = at_least(l->width, MARGIN + w + MARGIN);
}

int cli_svg_map(struct ci_buf *out, const struct cli_map *m)
{
	struct ci_buf body = {NULL, 0, 0, 0};
	struct layout l = lay_out(m);
	char *title = NULL;

	if (npoints(m) == 0)
		return -1;
	titles(&body, m, &l, &title);
	cells(&body, m, &l);
	boundaries(&body, m, &l);
	axes(&body, m, &l);
	legend(&body, m, &l);
	/* the size is known once every text is measured: the head goes first */
	put(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	         "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%u\" height=\"%u\" viewBox=\"0 0 %u %u\" ",
	    l.width, l.height, l.width, l.height);
	cli_ci_puts(out, "font-family=\"DejaVu Sans, Verdana, Noto Sans CJK SC, WenQuanYi Micro Hei, PingFang SC, Microsoft YaHei, sans-serif\" font-size=\"12\" role=\"img\">\n<title>");
	esc(out, title ? title : "", 0);
	put(out, "</title>\n<rect width=\"%u\" height=\"%u\" fill=\"#ffffff\"/>\n", l.width, l.height);
	if (!body.oom)
		cli_ci_put(out, body.p, body.len);
	cli_ci_puts(out, "</svg>\n");
	free(title);
	free(body.p);
	return body.oom || out->oom ? -1 : 0;
}
