package handout

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/figure"
	"github.com/unhunch/unhunch/message"
)

// Fonts: the Go fonts (a BSD licence like Go's own), embedded in the
// binary and in every PDF (only the characters it uses), so that every
// character prints the same everywhere. They cover Latin, Greek and
// Cyrillic, and the punctuation the message table and the catalog use
// (TestEveryCharacterHasAGlyph checks).
var fonts = []struct {
	style string
	ttf   []byte
}{{"", goregular.TTF}, {"B", gobold.TTF}, {"I", goitalic.TTF}}

// FontTTFs returns the fonts a handout is set in, regular, bold and
// italic, for tests that check every character has a glyph.
func FontTTFs() [][]byte { return [][]byte{goregular.TTF, gobold.TTF, goitalic.TTF} }

const family = "go"

// Layout, in millimetres and points.
const (
	margin     = 15.0 // left and right
	top        = 13.0
	footerH    = 17.0 // the footer's band at the bottom
	gap        = 6.0  // between the figures and the text
	figCols    = 2
	figW       = 38.5                                          // one keyframe's width
	figH       = figW * figure.FrameHeight / figure.FrameWidth // and height, the figure's 4:3
	figGap     = 3.0
	captionH   = 4.2
	figColumn  = figCols*figW + (figCols-1)*figGap
	lineBody   = 4.15 // line height of 9 pt text
	lineSmall  = 3.75
	tickBox    = 4.6
	blockSpace = 5.0 // between exercises
)

// Colours: the figure's ink and accent (figure.Light), a soft grey for
// secondary words, light greys for rules and boxes.
var (
	ink    = rgb(figure.Light.Ink)
	soft   = rgb("#5b6673")
	accent = rgb(figure.Light.Accent)
	rule   = rgb("#cfd6dd")
	box    = rgb("#f3f5f7")
	white  = rgb("#ffffff")
)

type colour struct{ r, g, b int }

// rgb reads a colour written #rrggbb (the palettes'); black if it is not one.
func rgb(s string) colour {
	if len(s) != 7 || s[0] != '#' {
		return colour{}
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return colour{}
	}
	return colour{int(v >> 16 & 0xff), int(v >> 8 & 0xff), int(v & 0xff)}
}

// Document is a handout made into a PDF, with where its figures are.
type Document struct {
	PDF     []byte
	Pages   int
	Paper   Paper
	Figures []Placed // every figure drawn, in order
}

// Placed is where one figure is, in millimetres from the page's top left.
type Placed struct {
	Page       int // from 1
	X, Y, W, H float64
	Exercise   string // the exercise's id
	Keyframe   string
}

// Write writes the handout as a PDF on paper of the given size.
func Write(w io.Writer, h Handout, paper Paper) error {
	d, err := Render(h, paper)
	if err != nil {
		return err
	}
	_, err = w.Write(d.PDF)
	return err
}

// Render makes the handout into a PDF on paper of the given size.
func Render(h Handout, paper Paper) (*Document, error) {
	size := "A4"
	if paper == Letter {
		size = "Letter"
	} else {
		paper = A4
	}
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: size})
	pdf.SetCompression(true)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(margin, top, margin)
	pdf.SetCellMargin(0)
	pdf.SetCreationDate(h.Printed)
	pdf.SetModificationDate(h.Printed)
	pdf.SetTitle(h.Title, true)
	pdf.SetSubject(h.Subject, true)
	pdf.SetKeywords(strings.Join(h.Keywords, ", "), true)
	pdf.SetCreator("unhunch "+unhunch.Version, true)
	pdf.SetLang("en")
	for _, f := range fonts {
		pdf.AddUTF8FontFromBytes(family, f.style, f.ttf)
	}
	l := &layout{pdf: pdf, h: h}
	l.pageW, l.pageH = pdf.GetPageSize()
	l.width = l.pageW - 2*margin
	l.paginate()
	l.draw()
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("handout: %w", err)
	}
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		return nil, fmt.Errorf("handout: %w", err)
	}
	return &Document{PDF: b.Bytes(), Pages: len(l.pages), Paper: paper, Figures: l.placed}, nil
}

// layout places the handout on pages: a first pass measures every part
// and decides the pages (so each page can say how many there are), a
// second draws.
type layout struct {
	pdf          *fpdf.Fpdf
	h            Handout
	pageW, pageH float64
	width        float64
	fill         colour
	// pages lists, for each page, the parts on it: -1 the header, 0… the
	// exercises, len(Exercises) the help box.
	pages  [][]int
	placed []Placed
	page   int // the page being drawn, from 1
}

// bottom is the lowest a part may reach.
func (l *layout) bottom() float64 { return l.pageH - footerH - 3 }

func (l *layout) paginate() {
	y := top + l.headerHeight()
	page := []int{-1}
	parts := make([]int, 0, len(l.h.Exercises)+1)
	for i := range l.h.Exercises {
		parts = append(parts, i)
	}
	parts = append(parts, len(l.h.Exercises))
	for _, p := range parts {
		ph := l.partHeight(p)
		if y+ph > l.bottom() && slices.ContainsFunc(page, func(q int) bool { return q >= 0 }) {
			l.pages = append(l.pages, page)
			page, y = nil, top+l.continuedHeight()
		}
		page = append(page, p)
		y += ph
	}
	l.pages = append(l.pages, page)
}

func (l *layout) partHeight(p int) float64 {
	if p == len(l.h.Exercises) {
		return l.helpHeight()
	}
	return l.exerciseHeight(&l.h.Exercises[p])
}

func (l *layout) draw() {
	for n, page := range l.pages {
		l.pdf.AddPage()
		l.page = n + 1
		y := top
		if n == 0 {
			y = l.drawHeader(y)
		} else {
			y = l.drawContinued(y)
		}
		for _, p := range page {
			switch {
			case p < 0:
			case p == len(l.h.Exercises):
				y = l.drawHelp(y)
			default:
				y = l.drawExercise(y, p)
			}
		}
		l.drawFooter(n+1, len(l.pages))
	}
}

// Text helpers.

func (l *layout) font(style string, pt float64, c colour) {
	l.pdf.SetFont(family, style, pt)
	l.pdf.SetTextColor(c.r, c.g, c.b)
}

func (l *layout) setFill(c colour) {
	if c != l.fill {
		l.pdf.SetFillColor(c.r, c.g, c.b)
		l.fill = c
	}
}

// lines wraps s to width w in the current font.
func (l *layout) lines(s string, w float64) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return l.pdf.SplitText(s, w)
}

// text writes s wrapped to width w at (x, y), lh apart, and returns the y
// below it.
func (l *layout) text(x, y, w, lh float64, s string) float64 {
	for _, line := range l.lines(s, w) {
		l.pdf.SetXY(x, y)
		l.pdf.CellFormat(w, lh, line, "", 0, "L", false, 0, "")
		y += lh
	}
	return y
}

// textHeight is the height text would take.
func (l *layout) textHeight(w, lh float64, s string) float64 {
	return float64(len(l.lines(s, w))) * lh
}

// The header.

func (l *layout) metaLine() string {
	parts := []string{l.h.Time, l.h.Count}
	if l.h.Often != "" {
		parts = append(parts, l.h.Often)
	}
	return strings.Join(parts, " · ")
}

func (l *layout) headerHeight() float64 {
	hgt := 10.0 + 6.0 // title, the time and count
	l.font("", 9, ink)
	if l.h.Twice {
		hgt += lineBody
	}
	hgt += lineBody // tick hint
	if l.h.Prescriber != "" {
		hgt += lineBody
	}
	if l.h.Note != "" {
		hgt += l.textHeight(l.width-8, lineBody, l.noteText()) + 5
	}
	if len(l.h.LeftOut) > 0 {
		l.font("", 8.5, ink)
		hgt += 5 + lineSmall
		for _, s := range l.h.LeftOut {
			hgt += l.textHeight(l.width-8, lineSmall, s)
		}
	}
	return hgt + 5
}

func (l *layout) noteText() string {
	who := l.h.Prescriber
	return message.Text(message.HandoutNote, who, l.h.Note)
}

func (l *layout) drawHeader(y float64) float64 {
	l.font("B", 20, ink)
	l.pdf.SetXY(margin, y)
	l.pdf.CellFormat(l.width, 10, l.h.Title, "", 0, "L", false, 0, "")
	y += 10
	l.font("", 10.5, soft)
	l.pdf.SetXY(margin, y)
	l.pdf.CellFormat(l.width, 6, l.metaLine(), "", 0, "L", false, 0, "")
	y += 6
	l.font("", 9, ink)
	if l.h.Prescriber != "" {
		l.font("B", 9, ink)
		y = l.text(margin, y, l.width, lineBody, message.Text(message.HandoutPrescribed, l.h.Prescriber))
	}
	if l.h.Note != "" {
		l.font("", 9, ink)
		hgt := l.textHeight(l.width-8, lineBody, l.noteText()) + 3
		y += 1
		l.setFill(box)
		l.pdf.Rect(margin, y, l.width, hgt, "F")
		l.setFill(accent)
		l.pdf.Rect(margin, y, 1.2, hgt, "F")
		l.text(margin+5, y+1.5, l.width-8, lineBody, l.noteText())
		y += hgt + 1
	}
	if l.h.Twice {
		l.font("B", 9, accent)
		y = l.text(margin, y, l.width, lineBody, message.Text(message.HandoutTwice))
	}
	l.font("", 9, soft)
	y = l.text(margin, y, l.width, lineBody, message.Text(message.HandoutTickHint))
	if len(l.h.LeftOut) > 0 {
		l.font("", 8.5, ink)
		hgt := lineSmall + 2
		for _, s := range l.h.LeftOut {
			hgt += l.textHeight(l.width-8, lineSmall, s)
		}
		y += 1.5
		l.setFill(box)
		l.pdf.Rect(margin, y, l.width, hgt+1, "F")
		l.font("B", 8.5, ink)
		yy := l.text(margin+4, y+1, l.width-8, lineSmall, message.Text(message.HandoutLeftOut))
		l.font("", 8.5, ink)
		for _, s := range l.h.LeftOut {
			yy = l.text(margin+4, yy, l.width-8, lineSmall, s)
		}
		y += hgt + 2.5
	}
	y += 2
	l.hrule(y)
	return y + 3
}

func (l *layout) continuedHeight() float64 { return 9 }

func (l *layout) drawContinued(y float64) float64 {
	l.font("B", 10, soft)
	l.pdf.SetXY(margin, y)
	l.pdf.CellFormat(l.width, 5, message.Text(message.HandoutContinued, l.h.Title), "", 0, "L", false, 0, "")
	l.hrule(y + 6)
	return y + l.continuedHeight()
}

func (l *layout) hrule(y float64) {
	l.setFill(rule)
	l.pdf.Rect(margin, y, l.width, 0.3, "F")
}

// An exercise: its number, name and dose across the top; its figures in
// the left column and its steps and cue in the right; its cautions under
// whichever column is shorter; a week of tick boxes below.

// columns returns the left column's width (the figures) and the right's
// (the words); without figures the words take the whole width.
func (l *layout) columns(x *Exercise) (left, right float64) {
	if len(x.Figures) == 0 && len(x.Pictures) == 0 {
		return 0, l.width
	}
	return figColumn, l.width - figColumn - gap
}

func figureRows(n int) int { return (n + figCols - 1) / figCols }

func (l *layout) whereLine(x *Exercise) string {
	if x.DoseNote == "" {
		return x.Where
	}
	return x.Where + " · " + x.DoseNote
}

func (l *layout) titleHeight(x *Exercise) float64 {
	l.font("", 8.5, soft)
	return 6.8 + l.textHeight(l.width-9, lineSmall, l.whereLine(x)) + 2
}

func (l *layout) figuresHeight(x *Exercise) float64 {
	return float64(figureRows(len(x.Figures)+len(x.Pictures))) * (figH + captionH + 1)
}

func (l *layout) stepsHeight(x *Exercise, w float64) float64 {
	if len(x.Steps) == 0 {
		return 0
	}
	hgt := lineBody + 0.3
	l.font("", 9, ink)
	for _, s := range x.Steps {
		hgt += l.textHeight(w-5, lineBody, s) + 0.5
	}
	return hgt
}

func (l *layout) rememberHeight(x *Exercise, w float64) float64 {
	if x.Remember == "" {
		return 0
	}
	l.font("I", 9.5, ink)
	return 2 + lineBody + l.textHeight(w-4, lineBody, x.Remember)
}

func (l *layout) cautionsHeight(x *Exercise, w float64) float64 {
	if len(x.Cautions) == 0 {
		return 0
	}
	hgt := 2.5 + lineSmall
	l.font("", 8.5, soft)
	for _, s := range x.Cautions {
		hgt += l.textHeight(w, lineSmall, "• "+s)
	}
	return hgt
}

// exercisePlan is where an exercise's parts go.
type exercisePlan struct {
	left, right     float64 // the columns' widths
	cautionsLeft    bool    // the cautions go under the figures
	body            float64 // the taller column's height
	figures, words  float64 // the columns' heights without the cautions
	cautionsL, cauR float64 // the cautions' height in each column
}

func (l *layout) plan(x *Exercise) exercisePlan {
	var p exercisePlan
	p.left, p.right = l.columns(x)
	p.figures = l.figuresHeight(x)
	p.words = l.stepsHeight(x, p.right) + l.rememberHeight(x, p.right)
	if x.Caption != "" && len(x.Figures) == 0 {
		p.words += lineSmall
	}
	p.cauR = l.cautionsHeight(x, p.right)
	if p.left > 0 {
		p.cautionsL = l.cautionsHeight(x, p.left)
		p.cautionsLeft = p.figures+p.cautionsL < p.words+p.cauR
	}
	if p.cautionsLeft {
		p.body = max(p.figures+p.cautionsL, p.words)
	} else {
		p.body = max(p.figures, p.words+p.cauR)
	}
	return p
}

func (l *layout) exerciseHeight(x *Exercise) float64 {
	return l.titleHeight(x) + l.plan(x).body + 2 + tickBox + blockSpace
}

func (l *layout) drawExercise(y float64, i int) float64 {
	x := &l.h.Exercises[i]
	p := l.plan(x)
	// The number, the name and the dose.
	l.setFill(accent)
	l.pdf.Circle(margin+3, y+3, 3, "F")
	l.font("B", 9, white)
	l.pdf.SetXY(margin, y+1)
	l.pdf.CellFormat(6, 4, strconv.Itoa(i+1), "", 0, "C", false, 0, "")
	l.font("B", 11.5, accent)
	doseW := min(l.pdf.GetStringWidth(x.Dose)+1, l.width*0.45)
	l.pdf.SetXY(margin+l.width-doseW, y+0.5)
	l.pdf.CellFormat(doseW, 5, x.Dose, "", 0, "R", false, 0, "")
	l.font("B", 12.5, ink)
	l.pdf.SetXY(margin+8.5, y+0.3)
	l.pdf.CellFormat(l.width-8.5-doseW-2, 5.5, x.Name, "", 0, "L", false, 0, "")
	l.font("", 8.5, soft)
	l.text(margin+8.5, y+6.6, l.width-8.5, lineSmall, l.whereLine(x))
	y += l.titleHeight(x)
	// The figures, then maybe the cautions, on the left.
	for k, f := range x.Figures {
		fx := margin + float64(k%figCols)*(figW+figGap)
		fy := y + float64(k/figCols)*(figH+captionH+1)
		l.drawFigure(f.Drawing, fx, fy, figW)
		l.placed = append(l.placed, Placed{Page: l.page, X: fx, Y: fy, W: figW, H: figH, Exercise: x.ID, Keyframe: f.Name})
		l.font("", 7.5, soft)
		l.pdf.SetXY(fx, fy+figH+0.7)
		l.pdf.CellFormat(figW, 3.4, strconv.Itoa(k+1)+" · "+f.Name, "", 0, "C", false, 0, "")
	}
	for k, pic := range x.Pictures {
		k += len(x.Figures)
		fx := margin + float64(k%figCols)*(figW+figGap)
		fy := y + float64(k/figCols)*(figH+captionH+1)
		l.drawPicture(pic, fmt.Sprintf("%s-%d", x.ID, k), fx, fy)
		l.placed = append(l.placed, Placed{Page: l.page, X: fx, Y: fy, W: figW, H: figH, Exercise: x.ID, Keyframe: "picture " + strconv.Itoa(k+1)})
	}
	if p.cautionsLeft {
		l.drawCautions(x, margin, y+p.figures, p.left)
	}
	// The words on the right.
	tx := margin + p.left
	if p.left > 0 {
		tx += gap
	}
	ty := y
	if x.Caption != "" && len(x.Figures) == 0 {
		l.font("I", 8.5, soft)
		ty = l.text(tx, ty, p.right, lineSmall, x.Caption)
	}
	ty = l.drawSteps(x, tx, ty, p.right)
	ty = l.drawRemember(x, tx, ty, p.right)
	if !p.cautionsLeft {
		l.drawCautions(x, tx, ty, p.right)
	}
	y += p.body + 2
	l.drawTicks(y)
	y += tickBox
	l.setFill(rule)
	l.pdf.Rect(margin, y+blockSpace/2-0.1, l.width, 0.2, "F")
	return y + blockSpace
}

// heading writes a small capitalised heading.
func (l *layout) heading(x, y, w, lh float64, k message.Key) float64 {
	l.font("B", 7.5, soft)
	return l.text(x, y, w, lh, strings.ToUpper(message.Text(k)))
}

func (l *layout) drawSteps(x *Exercise, tx, ty, w float64) float64 {
	if len(x.Steps) == 0 {
		return ty
	}
	ty = l.heading(tx, ty, w, lineBody, message.HandoutSteps) + 0.3
	for n, s := range x.Steps {
		l.font("B", 9, accent)
		l.pdf.SetXY(tx, ty)
		l.pdf.CellFormat(5, lineBody, strconv.Itoa(n+1)+".", "", 0, "L", false, 0, "")
		l.font("", 9, ink)
		ty = l.text(tx+5, ty, w-5, lineBody, s) + 0.5
	}
	return ty
}

func (l *layout) drawRemember(x *Exercise, tx, ty, w float64) float64 {
	if x.Remember == "" {
		return ty
	}
	hgt := l.rememberHeight(x, w)
	ty += 2
	l.setFill(accent)
	l.pdf.Rect(tx, ty, 0.9, hgt-2, "F")
	yy := l.heading(tx+3.5, ty, w-4, lineBody, message.HandoutRemember)
	l.font("I", 9.5, ink)
	l.text(tx+3.5, yy, w-4, lineBody, x.Remember)
	return ty + hgt - 2
}

func (l *layout) drawCautions(x *Exercise, tx, ty, w float64) float64 {
	if len(x.Cautions) == 0 {
		return ty
	}
	ty = l.heading(tx, ty+2.5, w, lineSmall, message.HandoutTakeCare)
	l.font("", 8.5, soft)
	for _, s := range x.Cautions {
		ty = l.text(tx, ty, w, lineSmall, "• "+s)
	}
	return ty
}

// drawTicks draws a week of tick boxes, each under its day.
func (l *layout) drawTicks(y float64) {
	l.font("B", 8, soft)
	label := strings.ToUpper(message.Text(message.HandoutThisWeek))
	l.pdf.SetXY(margin, y)
	l.pdf.CellFormat(24, tickBox, label, "", 0, "L", false, 0, "")
	x := margin + 24
	l.pdf.SetDrawColor(soft.r, soft.g, soft.b)
	l.pdf.SetLineWidth(0.3)
	for _, d := range strings.Fields(message.Text(message.HandoutDays)) {
		l.font("", 8, soft)
		dw := l.pdf.GetStringWidth(d) + 1.5
		l.pdf.SetXY(x, y)
		l.pdf.CellFormat(dw, tickBox, d, "", 0, "L", false, 0, "")
		l.pdf.RoundedRect(x+dw, y, tickBox, tickBox, 0.8, "1234", "D")
		x += dw + tickBox + 4
	}
}

// drawFigure draws a figure's drawing w millimetres wide at (x, y), with its
// own clips, in a light frame. The shapes are written as PDF paths directly
// (fpdf's circles take six curves at five decimals each): runs of one
// colour are one path, every outline turning the same way so that the
// nonzero rule fills their union, at a hundredth of a point.
// drawPicture draws one of the person's pictures inside a figure's box,
// keeping its proportions.
func (l *layout) drawPicture(p Picture, name string, x, y float64) {
	if p.Width <= 0 || p.Height <= 0 {
		return
	}
	kind := "PNG"
	if p.MediaType == "image/jpeg" {
		kind = "JPG"
	}
	opt := fpdf.ImageOptions{ImageType: kind}
	l.pdf.RegisterImageOptionsReader(name, opt, bytes.NewReader(p.Data))
	w, h := figW, figW*float64(p.Height)/float64(p.Width)
	if h > figH {
		w, h = figH*float64(p.Width)/float64(p.Height), figH
	}
	l.pdf.ImageOptions(name, x+(figW-w)/2, y+(figH-h)/2, w, h, false, opt, 0, "")
}

func (l *layout) drawFigure(d *figure.Drawing, x, y, w float64) {
	k := w / d.Width
	hgt := d.Height * k
	l.pdf.ClipRoundedRect(x, y, w, hgt, 1.5, false)
	l.setFill(white)
	l.pdf.Rect(x, y, w, hgt, "F")
	pt := 72 / 25.4 // points in a millimetre
	at := func(v figure.Vec) figure.Vec {
		return figure.Vec{X: (x + k*v.X) * pt, Y: (l.pageH - y - k*v.Y) * pt}
	}
	for _, g := range d.Groups {
		if g.Clip != nil {
			switch g.Clip.Kind {
			case figure.ShapeRect:
				p0, p1 := g.Clip.P[0], g.Clip.P[1]
				l.pdf.ClipRect(x+k*p0.X, y+k*p0.Y, k*(p1.X-p0.X), k*(p1.Y-p0.Y), false)
			case figure.ShapeCircle:
				l.pdf.ClipCircle(x+k*g.Clip.P[0].X, y+k*g.Clip.P[0].Y, k*g.Clip.R, false)
			}
		}
		var pw pathWriter
		for _, s := range g.Shapes {
			pw.colour(s.Colour)
			switch s.Kind {
			case figure.ShapeCircle:
				pw.circle(at(s.P[0]), k*s.R*pt)
			case figure.ShapeRect:
				pw.rect(at(s.P[0]), at(s.P[1]), k*s.R*pt)
			case figure.ShapePolygon:
				pts := make([]figure.Vec, len(s.P))
				for i, v := range s.P {
					pts[i] = at(v)
				}
				pw.polygon(pts)
			}
		}
		pw.fill()
		l.pdf.RawWriteStr(pw.b.String())
		if g.Clip != nil {
			l.clipEnd()
		}
	}
	l.clipEnd()
	l.pdf.SetDrawColor(rule.r, rule.g, rule.b)
	l.pdf.SetLineWidth(0.25)
	l.pdf.RoundedRect(x, y, w, hgt, 1.5, "1234", "D")
}

// pathWriter writes filled paths in PDF's operators, in points (y up).
type pathWriter struct {
	b       strings.Builder
	current string // the colour of the path being written
	open    bool   // a path has subpaths not yet filled
}

// colour starts a path in colour c (#rrggbb), filling the last one if it
// was another colour.
func (pw *pathWriter) colour(c string) {
	if c == pw.current {
		return
	}
	pw.fill()
	v := rgb(c)
	fmt.Fprintf(&pw.b, "%s %s %s rg\n", dec(float64(v.r)/255, 3), dec(float64(v.g)/255, 3), dec(float64(v.b)/255, 3))
	pw.current = c
}

// fill fills the subpaths written since the last fill.
func (pw *pathWriter) fill() {
	if pw.open {
		pw.b.WriteString("f\n")
		pw.open = false
	}
}

// dec writes x with at most n decimals, without trailing zeros.
func dec(x float64, n int) string {
	s := strconv.FormatFloat(x, 'f', n, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		return "0"
	}
	return s
}

func (pw *pathWriter) pt(v figure.Vec) string { return dec(v.X, 2) + " " + dec(v.Y, 2) }

// circle adds a circle, counter-clockwise, as four curves.
func (pw *pathWriter) circle(c figure.Vec, r float64) {
	const kappa = 0.5522847498
	q := r * kappa
	p := func(dx, dy float64) string { return pw.pt(figure.Vec{X: c.X + dx, Y: c.Y + dy}) }
	fmt.Fprintf(&pw.b, "%s m %s %s %s c %s %s %s c %s %s %s c %s %s %s c h\n",
		p(r, 0),
		p(r, q), p(q, r), p(0, r),
		p(-q, r), p(-r, q), p(-r, 0),
		p(-r, -q), p(-q, -r), p(0, -r),
		p(q, -r), p(r, -q), p(r, 0))
	pw.open = true
}

// rect adds a rectangle between corners a and b with corners rounded by r,
// counter-clockwise.
func (pw *pathWriter) rect(a, b figure.Vec, r float64) {
	x0, x1 := min(a.X, b.X), max(a.X, b.X)
	y0, y1 := min(a.Y, b.Y), max(a.Y, b.Y)
	r = max(min(r, (x1-x0)/2, (y1-y0)/2), 0)
	if r < 0.05 {
		pw.polygon([]figure.Vec{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}})
		return
	}
	const kappa = 0.5522847498
	q := r * (1 - kappa)
	p := func(x, y float64) string { return pw.pt(figure.Vec{X: x, Y: y}) }
	fmt.Fprintf(&pw.b, "%s m %s l %s %s %s c %s l %s %s %s c %s l %s %s %s c %s l %s %s %s c h\n",
		p(x0+r, y0), p(x1-r, y0), p(x1-q, y0), p(x1, y0+q), p(x1, y0+r),
		p(x1, y1-r), p(x1, y1-q), p(x1-q, y1), p(x1-r, y1),
		p(x0+r, y1), p(x0+q, y1), p(x0, y1-q), p(x0, y1-r),
		p(x0, y0+r), p(x0, y0+q), p(x0+q, y0), p(x0+r, y0))
	pw.open = true
}

// polygon adds a closed polygon, counter-clockwise.
func (pw *pathWriter) polygon(pts []figure.Vec) {
	if len(pts) < 3 {
		return
	}
	area := 0.0
	for i, a := range pts {
		b := pts[(i+1)%len(pts)]
		area += a.X*b.Y - b.X*a.Y
	}
	if area < 0 {
		pts = slices.Clone(pts)
		slices.Reverse(pts)
	}
	pw.b.WriteString(pw.pt(pts[0]) + " m")
	for _, v := range pts[1:] {
		pw.b.WriteString(" " + pw.pt(v) + " l")
	}
	pw.b.WriteString(" h\n")
	pw.open = true
}

// clipEnd ends a clip. It restores the graphics state from before the clip,
// fill colour included, which fpdf does not follow: the fill is set again
// before the next shape or text (fpdf leaves the text's colour out when it
// thinks it is the fill's, so a stale fill would colour the text).
func (l *layout) clipEnd() {
	l.pdf.ClipEnd()
	l.fill = colour{-1, -1, -1}
	l.setFill(white)
}

// The help box, at the end.

func (l *layout) helpHeight() float64 {
	l.font("", 8.5, ink)
	return 3 + lineBody + 1 + l.textHeight(l.width-8, lineSmall, l.h.HelpUrgent) + 1.5 + l.textHeight(l.width-8, lineSmall, l.h.HelpSoon) + 3
}

func (l *layout) drawHelp(y float64) float64 {
	hgt := l.helpHeight()
	l.setFill(box)
	l.pdf.Rect(margin, y, l.width, hgt, "F")
	l.setFill(accent)
	l.pdf.Rect(margin, y, 1.2, hgt, "F")
	l.font("B", 10, ink)
	yy := l.text(margin+5, y+2.5, l.width-8, lineBody, message.Text(message.HandoutHelpTitle)) + 1
	l.font("", 8.5, ink)
	yy = l.text(margin+5, yy, l.width-8, lineSmall, l.h.HelpUrgent) + 1.5
	l.text(margin+5, yy, l.width-8, lineSmall, l.h.HelpSoon)
	return y + hgt + 3
}

// The footer, on every page: the safety line, when it was printed and the page.
func (l *layout) drawFooter(page, pages int) {
	y := l.pageH - footerH
	l.hrule(y)
	l.font("B", 8.5, ink)
	yy := l.text(margin, y+1.8, l.width, lineSmall, l.h.Safety)
	l.font("", 7.5, soft)
	l.pdf.SetXY(margin, yy+0.8)
	l.pdf.CellFormat(l.width/2, 3.4, message.Text(message.HandoutFooter, l.h.Printed.Format("2006-01-02")), "", 0, "L", false, 0, "")
	l.pdf.SetXY(margin+l.width/2, yy+0.8)
	l.pdf.CellFormat(l.width/2, 3.4, message.Text(message.HandoutPage, page, pages), "", 0, "R", false, 0, "")
}
