package figure

import (
	"bytes"
	"fmt"
	"html"

	"github.com/unhunch/unhunch/message"
)

// sheetStyle lays out the contact sheet: one row per exercise, the moving
// figure first, then each keyframe at 120 px high.
const sheetStyle = `body{font:15px/1.45 system-ui,sans-serif;color:#2b333d;background:#fff;margin:24px auto;max-width:1180px;padding:0 16px}
h1{font-size:24px;margin:0 0 4px}
.intro{margin:0 0 20px;color:#5b6673;max-width:70ch}
section{border-top:1px solid #e3e7ec;padding:14px 0 10px}
h2{font-size:17px;margin:0 0 2px}
h2 code{font-size:13px;color:#5b6673;font-weight:normal;margin-left:8px}
.meta{margin:0 0 8px;color:#5b6673;font-size:13px}
.row{display:flex;flex-wrap:wrap;gap:18px;align-items:flex-end}
figure{margin:0;text-align:center}
figure svg{display:block}
figcaption{font-size:13px;color:#5b6673;margin-top:4px}
`

// Scales of the contact sheet, in pixels per body unit: one scale for every
// still and one for every animation, so all lines have one weight.
const (
	sheetStill  = 0.55
	sheetMoving = 0.9
)

// ContactSheet returns an HTML page showing every subject's figure for
// review: the animation and a still of each keyframe, with names. Subjects
// without an illustration are listed as such.
func ContactSheet(subjects []Subject) []byte {
	var b bytes.Buffer
	title := html.EscapeString(message.Text(message.FigureSheetTitle))
	fmt.Fprintf(&b, "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>%s</title>\n<style>\n%s</style>\n</head>\n<body>\n", title, sheetStyle)
	fmt.Fprintf(&b, "<h1>%s</h1>\n<p class=\"intro\">%s</p>\n", title, html.EscapeString(message.Text(message.FigureSheetIntro)))
	for _, s := range subjects {
		fmt.Fprintf(&b, "<section id=\"%s\">\n<h2>%s<code>%s</code></h2>\n", html.EscapeString(cssName(s.ID)), html.EscapeString(s.Name), html.EscapeString(s.ID))
		sc, err := newScene(s)
		if err != nil {
			fmt.Fprintf(&b, "<p class=\"meta\">%s</p>\n</section>\n", html.EscapeString(message.Text(message.FigureSheetNone)))
			continue
		}
		meta := message.Text(message.FigureSheetViews, s.Illustration.View) + " · " + message.Text(message.FigureSheetLoop, num(sc.motion.Duration()))
		fmt.Fprintf(&b, "<p class=\"meta\">%s</p>\n<div class=\"row\">\n", html.EscapeString(meta))
		fmt.Fprintf(&b, "<figure class=\"moving\">\n%s<figcaption>%s</figcaption>\n</figure>\n", sc.animated(sheetMoving), html.EscapeString(message.Text(message.FigureSheetAnimated)))
		for i, k := range s.Illustration.Keyframes {
			fmt.Fprintf(&b, "<figure>\n%s<figcaption>%s</figcaption>\n</figure>\n", sc.still(i, sheetStill), html.EscapeString(k.Name))
		}
		b.WriteString("</div>\n</section>\n")
	}
	b.WriteString("</body>\n</html>\n")
	return b.Bytes()
}
