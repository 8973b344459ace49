package figure

import (
	"bytes"
	"fmt"
	"html"
	"strings"

	"github.com/unhunch/unhunch/message"
)

// Sizes on the contact sheet, in pixels wide: the figure as a reviewer
// studies it, and as small as the library and a phone show it.
const (
	SheetLarge = 360.0
	SheetSmall = 120.0
)

// sheetStyle lays out the contact sheet: per exercise, each of its figures
// large in both themes, then small in both themes with every keyframe. Each
// theme's box sets its color-scheme, which linked drawings follow; inline
// ones are forced to the box's palette.
func sheetStyle(inline bool) string {
	force := ""
	if inline {
		force = ForceTheme(".light", Light) + "\n" + ForceTheme(".dark", Dark) + "\n"
	}
	return `body{font:15px/1.45 system-ui,sans-serif;color:#2b333d;background:#fbfaf7;margin:24px auto;max-width:1240px;padding:0 16px}
h1{font-size:24px;margin:0 0 4px}
.intro{margin:0 0 20px;color:#5b6673;max-width:75ch}
section{border-top:1px solid #e3e7ec;padding:14px 0 10px}
h2{font-size:17px;margin:0 0 2px}
h2 code{font-size:13px;color:#5b6673;font-weight:normal;margin-left:8px}
h3{font-size:14px;margin:10px 0 4px;color:#2b333d}
.meta{margin:0 0 8px;color:#5b6673;font-size:13px}
.row{display:flex;flex-wrap:wrap;gap:10px;align-items:flex-start;margin:0 0 8px}
.theme{display:flex;flex-wrap:wrap;gap:10px;padding:8px;border-radius:10px;max-width:100%;box-sizing:border-box}
.light{background:#ffffff;border:1px solid #e3e7ec;color-scheme:light}
.dark{background:#14171a;color:#b4bcc6;color-scheme:dark}
figure{margin:0;text-align:center;min-width:0;max-width:100%}
figure svg,figure img{display:block;max-width:100%;height:auto}
figcaption{font-size:12px;color:inherit;opacity:.8;margin-top:3px}
` + force
}

// ContactSheet returns an HTML page showing every subject's figure for
// review: each large and small, light and dark, with a still of every
// keyframe. Subjects of one exercise (its figures for different positions)
// share a section, in the order given, each headed by its Variant; subjects
// without an illustration are listed as such.
//
// With src, each drawing is an image linked from where src says it is
// served (frame "" for the animation, else a keyframe's name), sized and
// loaded as it scrolls into sight: the page stays a few kilobytes, and the
// drawings are the ones the app serves and browsers keep. Each theme's box
// sets its color-scheme, which an SVG image sees as prefers-color-scheme
// (the figures carry both palettes). With src nil, the drawings are written
// into the page, each forced to its box's theme: a page that stands alone
// as a file.
func ContactSheet(subjects []Subject, src func(i int, frame string) string) []byte {
	var b bytes.Buffer
	title := html.EscapeString(message.Text(message.FigureSheetTitle))
	fmt.Fprintf(&b, "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>%s</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n", title, sheetStyle(src == nil))
	fmt.Fprintf(&b, "<h1>%s</h1>\n<p class=\"intro\">%s</p>\n", title, html.EscapeString(message.Text(message.FigureSheetIntro)))
	for i := 0; i < len(subjects); {
		j := i + 1
		for j < len(subjects) && subjects[j].ID == subjects[i].ID {
			j++
		}
		var at func(k int, frame string) string
		if src != nil {
			at = func(k int, frame string) string { return src(i+k, frame) }
		}
		writeSheetSection(&b, subjects[i:j], at)
		i = j
	}
	b.WriteString("</main>\n</body>\n</html>\n")
	return b.Bytes()
}

// writeSheetSection writes one exercise: each of its figures, linked from
// src(k, frame) for its k-th subject, or drawn inline when src is nil.
func writeSheetSection(b *bytes.Buffer, subjects []Subject, src func(k int, frame string) string) {
	s := subjects[0]
	fmt.Fprintf(b, "<section id=\"%s\">\n<h2>%s<code>%s</code></h2>\n", html.EscapeString(cssName(s.ID)), html.EscapeString(s.Name), html.EscapeString(s.ID))
	for k, s := range subjects {
		sc, err := newScene(s)
		if s.Variant != "" && len(subjects) > 1 {
			fmt.Fprintf(b, "<h3>%s</h3>\n", html.EscapeString(s.Variant))
		}
		if err != nil {
			fmt.Fprintf(b, "<p class=\"meta\">%s</p>\n", html.EscapeString(message.Text(message.FigureSheetNone)))
			continue
		}
		// draw writes one drawing at a width: the animation (i < 0) or a
		// keyframe's still.
		draw := func(i int, width float64, caption string) {
			if src == nil {
				if i < 0 {
					sheetFigure(b, sc.animated(width), caption)
				} else {
					sheetFigure(b, sc.still(i, width), caption)
				}
				return
			}
			frame, alt := "", sc.title()
			if i >= 0 {
				frame = sc.il.Keyframes[i].Name
				alt = message.Text(message.FigureTitleFrame, sc.s.Name, frame)
			}
			fmt.Fprintf(b, "<figure><img src=\"%s\" width=\"%s\" height=\"%s\" loading=\"lazy\" alt=\"%s\"><figcaption>%s</figcaption></figure>\n",
				html.EscapeString(src(k, frame)), num(width), num(width*FrameHeight/FrameWidth), html.EscapeString(alt), html.EscapeString(caption))
		}
		views := make([]string, 0, 2)
		for _, v := range sc.il.Panels() {
			views = append(views, message.Text(message.FigureSheetViews, v))
		}
		meta := strings.Join(views, " + ") + " · " + message.Text(message.FigureSheetLoop, num(sc.motion.Duration()))
		fmt.Fprintf(b, "<p class=\"meta\">%s</p>\n<div class=\"row\">\n", html.EscapeString(meta))
		for _, theme := range []string{"light", "dark"} {
			fmt.Fprintf(b, "<div class=\"theme %s\">\n", theme)
			draw(-1, SheetLarge, message.Text(message.FigureSheetAnimated)+" · "+theme)
			b.WriteString("</div>\n")
		}
		b.WriteString("</div>\n<div class=\"row\">\n")
		for _, theme := range []string{"light", "dark"} {
			fmt.Fprintf(b, "<div class=\"theme %s\">\n", theme)
			draw(-1, SheetSmall, message.Text(message.FigureSheetAnimated))
			for i, k := range sc.il.Keyframes {
				draw(i, SheetSmall, k.Name)
			}
			b.WriteString("</div>\n")
		}
		b.WriteString("</div>\n")
	}
	b.WriteString("</section>\n")
}

func sheetFigure(b *bytes.Buffer, svg []byte, caption string) {
	fmt.Fprintf(b, "<figure>\n%s<figcaption>%s</figcaption>\n</figure>\n", svg, html.EscapeString(caption))
}
