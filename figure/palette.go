package figure

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// tone is one colour of the drawing. Each has a light and a dark value; an
// SVG carries both and picks with prefers-color-scheme, and a page that
// shows figures inline can force either (the contact sheet does).
type tone int

// The tones. The figure is one neutral ink, the near limbs darker and the
// far ones lighter, with the accent for what moves (in two tones too); the
// face and the shoulder blades are a tint of the part they are on; props are
// light greys.
const (
	toneInk tone = iota
	toneInkFar
	toneAccent
	toneAccentFar
	toneFace       // the face on an ink head, the blades on an ink back
	toneFaceAccent // the same on an accented part
	toneGhost      // the start pose behind the moving figure
	toneProp
	tonePropDark // chair legs, the end of a roller
	toneBackdrop // a wall seen face on
	toneGround
	toneMat
	toneInset       // the inset's background: the page behind the figure
	toneTrunk       // the trunk, neck and head: a step from the near limbs, so an arm in front of the body shows
	toneTrunkAccent // the same, moving
	numTones
)

// Palette is one theme's colours, by role.
type Palette struct {
	Ink, InkFar, Accent, AccentFar string // the limbs: near, far, moving, moving and far
	Trunk, TrunkAccent             string // the trunk, neck and head, still and moving
	Face, FaceAccent               string
	Ghost                          string
	Prop, PropDark, Backdrop       string
	Ground, Mat, Inset             string
}

// Light and Dark are the two themes. Every body tone has a contrast of at
// least 3:1 (WCAG's non-text contrast) with the pages the figures are shown
// on, in both themes; a test in the web package checks it against its
// stylesheet.
var (
	Light = Palette{
		Ink: "#323c48", InkFar: "#76828f", Accent: "#b04c12", AccentFar: "#d4702c",
		Trunk: "#4b5767", TrunkAccent: "#c65c1c",
		Face: "#b3bcc6", FaceAccent: "#f2bb94",
		Ghost: "#e2e6ea",
		Prop:  "#d3d9e0", PropDark: "#b7c0ca", Backdrop: "#eef0f3",
		Ground: "#b7c0ca", Mat: "#c6ced7", Inset: "#ffffff",
	}
	Dark = Palette{
		Ink: "#dfe5ec", InkFar: "#8f9ba8", Accent: "#f39a5c", AccentFar: "#c46b33",
		Trunk: "#c3ccd6", TrunkAccent: "#e2874b",
		Face: "#7f8b98", FaceAccent: "#a95f2e",
		Ghost: "#2c333a",
		Prop:  "#3b444e", PropDark: "#4d5762", Backdrop: "#22282e",
		Ground: "#4d5762", Mat: "#363e47", Inset: "#1d2126",
	}
)

// colours returns the palette's colours in tone order.
func (p Palette) colours() [numTones]string {
	return [numTones]string{p.Ink, p.InkFar, p.Accent, p.AccentFar, p.Face, p.FaceAccent, p.Ghost,
		p.Prop, p.PropDark, p.Backdrop, p.Ground, p.Mat, p.Inset, p.Trunk, p.TrunkAccent}
}

// Limbs returns the colours the body is drawn in: the limbs, near and far,
// still and moving, and the trunk.
func (p Palette) Limbs() []string {
	return []string{p.Ink, p.InkFar, p.Accent, p.AccentFar, p.Trunk, p.TrunkAccent}
}

// class is a tone's CSS class. The rules select it alone, not as a
// descendant of the drawing, since the close-up's copy of the figure (an SVG
// use) does not match descendant selectors.
func (t tone) class() string { return "uh" + string(rune('a'+int(t))) }

// toneClass matches a tone's class in a drawing; compiled on first use
// (issue 16).
var toneClass = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`class="uh([a-o])"`) })

// paletteStyle is the stylesheet of a drawing: each tone it uses, in the
// light theme and, for readers who prefer dark, the dark one.
func paletteStyle(body []byte) string {
	var used [numTones]bool
	for _, m := range toneClass().FindAllSubmatch(body, -1) {
		used[m[1][0]-'a'] = true
	}
	var b strings.Builder
	rules := func(p Palette) {
		for t, c := range p.colours() {
			if used[t] {
				fmt.Fprintf(&b, ".%s{fill:%s}", tone(t).class(), c)
			}
		}
	}
	rules(Light)
	b.WriteString("\n@media (prefers-color-scheme:dark){")
	rules(Dark)
	b.WriteString("}\n")
	return b.String()
}

// ForceTheme returns a stylesheet that makes every figure inside the
// elements matching selector use the palette, whatever the reader prefers.
func ForceTheme(selector string, p Palette) string {
	var b strings.Builder
	for t, c := range p.colours() {
		fmt.Fprintf(&b, "%s .%s{fill:%s!important}", selector, tone(t).class(), c)
	}
	return b.String()
}

// Contrast returns the WCAG 2 contrast ratio of two colours written #rrggbb.
func Contrast(a, b string) (float64, error) {
	la, err := luminance(a)
	if err != nil {
		return 0, err
	}
	lb, err := luminance(b)
	if err != nil {
		return 0, err
	}
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05), nil
}

// luminance is WCAG 2's relative luminance of a colour written #rrggbb.
func luminance(c string) (float64, error) {
	if len(c) != 7 || c[0] != '#' {
		return 0, fmt.Errorf("figure: %q is not a colour written #rrggbb", c)
	}
	v, err := strconv.ParseUint(c[1:], 16, 32)
	if err != nil {
		return 0, fmt.Errorf("figure: %q is not a colour written #rrggbb", c)
	}
	ch := func(shift uint) float64 {
		x := float64((v>>shift)&0xff) / 255
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(16) + 0.7152*ch(8) + 0.0722*ch(0), nil
}
