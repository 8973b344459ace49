package figure

// Range is the span of angles a joint may take in one view, in degrees, with
// where the figures come from (docs/illustrations.md lists the sources).
type Range struct {
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
	Source string  `json:"source"`
}

// Sources of the joint ranges, named in Range.Source.
const (
	SourceAAOS     = "AAOS"     // American Academy of Orthopaedic Surgeons, Joint Motion: Method of Measuring and Recording (1965), average ranges
	SourceKapandji = "Kapandji" // I. A. Kapandji, The Physiology of the Joints, passive ranges
	SourceNeumann  = "Neumann"  // D. A. Neumann, Kinesiology of the Musculoskeletal System, shoulder girdle
	SourceSplit    = "AAOS, split by us"
	SourceOurs     = "ours" // a limit of the drawing itself, not of the body
)

type jointID int

const (
	jPelvis jointID = iota
	jLumbar
	jMidback
	jUpperback
	jNeck
	jHead
	jGirdleL
	jGirdleR
	jShoulderL
	jShoulderR
	jElbowL
	jElbowR
	jWristL
	jWristR
	jHipL
	jHipR
	jKneeL
	jKneeR
	jAnkleL
	jAnkleR
	numJoints
)

// Joints lists every joint a keyframe may set, trunk first, then arms, then legs.
var Joints = []Joint{
	"pelvis", "lumbar", "midback", "upperback", "neck", "head",
	"girdle_l", "girdle_r", "shoulder_l", "shoulder_r", "elbow_l", "elbow_r", "wrist_l", "wrist_r",
	"hip_l", "hip_r", "knee_l", "knee_r", "ankle_l", "ankle_r",
}

var jointIndex = func() map[Joint]jointID {
	m := make(map[Joint]jointID, len(Joints))
	for i, j := range Joints {
		m[j] = jointID(i)
	}
	return m
}()

// limits holds each joint's range in the side view (index 0) and in the
// front and back views (index 1). Positive angles are flexion in the side
// view (bending forward; for the knee, the shin folding back; for the ankle,
// the toes coming up) and, in the front and back views, abduction for arms
// and legs (away from the body), elevation for the shoulder girdle, and
// bending toward the person's right for the trunk, neck and head.
var limits = [numJoints][2]Range{
	jPelvis:    {{-180, 180, SourceOurs}, {-30, 30, SourceOurs}},
	jLumbar:    {{-20, 45, SourceSplit}, {-20, 20, SourceSplit}},
	jMidback:   {{-10, 20, SourceSplit}, {-8, 8, SourceSplit}},
	jUpperback: {{-10, 20, SourceSplit}, {-7, 7, SourceSplit}},
	jNeck:      {{-30, 30, SourceSplit}, {-30, 30, SourceSplit}},
	jHead:      {{-15, 15, SourceSplit}, {-15, 15, SourceSplit}},
	jGirdleL:   {{-20, 20, SourceNeumann}, {-10, 45, SourceNeumann}},
	jGirdleR:   {{-20, 20, SourceNeumann}, {-10, 45, SourceNeumann}},
	jShoulderL: {{-60, 180, SourceAAOS}, {-30, 180, SourceAAOS}},
	jShoulderR: {{-60, 180, SourceAAOS}, {-30, 180, SourceAAOS}},
	jElbowL:    {{0, 150, SourceAAOS}, {-150, 150, SourceOurs}},
	jElbowR:    {{0, 150, SourceAAOS}, {-150, 150, SourceOurs}},
	jWristL:    {{-90, 90, SourceKapandji}, {-30, 30, SourceAAOS}},
	jWristR:    {{-90, 90, SourceKapandji}, {-30, 30, SourceAAOS}},
	jHipL:      {{-30, 140, SourceKapandji}, {-30, 45, SourceAAOS}},
	jHipR:      {{-30, 140, SourceKapandji}, {-30, 45, SourceAAOS}},
	jKneeL:     {{0, 160, SourceKapandji}, {-10, 10, SourceOurs}},
	jKneeR:     {{0, 160, SourceKapandji}, {-10, 10, SourceOurs}},
	jAnkleL:    {{-50, 20, SourceAAOS}, {-15, 35, SourceAAOS}},
	jAnkleR:    {{-50, 20, SourceAAOS}, {-15, 35, SourceAAOS}},
}

// Limits returns the range a joint may take in a view, and whether the joint
// exists.
func Limits(v View, j Joint) (Range, bool) {
	id, ok := jointIndex[j]
	if !ok {
		return Range{}, false
	}
	if v.frontal() {
		return limits[id][1], true
	}
	return limits[id][0], true
}
