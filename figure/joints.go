package figure

import "sync"

// Range is the span of angles a joint may take, in degrees, with where the
// figures come from (docs/illustrations.md lists the sources).
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
	jPelvisSide
	jLumbar
	jMidback
	jUpperback
	jTrunkSide
	jTrunkTwist
	jNeck
	jHead
	jNeckSide
	jHeadTurn
	jGirdleL
	jGirdleR
	jShrugL
	jShrugR
	jShoulderL
	jShoulderR
	jShoulderOutL
	jShoulderOutR
	jShoulderRotL
	jShoulderRotR
	jShoulderAcrossL
	jShoulderAcrossR
	jElbowL
	jElbowR
	jWristL
	jWristR
	jHipL
	jHipR
	jHipOutL
	jHipOutR
	jKneeL
	jKneeR
	jAnkleL
	jAnkleR
	numJoints
)

// joint describes one joint angle a keyframe may set.
type joint struct {
	name Joint
	r    Range
}

// joints is the table of every joint angle, in the order of jointID.
// Positive angles: pelvis tips the trunk forward (0 upright, 90 face down or
// on hands and knees, -90 on the back) and pelvis_side leans it to the
// figure's right; lumbar, midback, upperback, neck and head bend forward
// (flexion); trunk_side and neck_side bend to the right, trunk_twist and
// head_turn turn the front toward the right; girdle brings a shoulder
// forward (protraction) and shrug lifts it; shoulder and hip swing a limb
// forward (flexion), shoulder_out and hip_out away from the body
// (abduction), shoulder_rot turns the upper arm outward (external
// rotation), shoulder_across swings the arm across the front of the body
// about the trunk's long axis (horizontal adduction); elbow and knee bend; wrist bends the palm toward the forearm;
// ankle lifts the toes.
var joints = [numJoints]joint{
	jPelvis:          {"pelvis", Range{-180, 180, SourceOurs}},
	jPelvisSide:      {"pelvis_side", Range{-30, 30, SourceOurs}},
	jLumbar:          {"lumbar", Range{-20, 45, SourceSplit}},
	jMidback:         {"midback", Range{-10, 20, SourceSplit}},
	jUpperback:       {"upperback", Range{-10, 20, SourceSplit}},
	jTrunkSide:       {"trunk_side", Range{-35, 35, SourceAAOS}},
	jTrunkTwist:      {"trunk_twist", Range{-45, 45, SourceAAOS}},
	jNeck:            {"neck", Range{-30, 30, SourceSplit}},
	jHead:            {"head", Range{-15, 15, SourceSplit}},
	jNeckSide:        {"neck_side", Range{-45, 45, SourceAAOS}},
	jHeadTurn:        {"head_turn", Range{-60, 60, SourceAAOS}},
	jGirdleL:         {"girdle_l", Range{-25, 20, SourceNeumann}},
	jGirdleR:         {"girdle_r", Range{-25, 20, SourceNeumann}},
	jShrugL:          {"shrug_l", Range{-10, 45, SourceNeumann}},
	jShrugR:          {"shrug_r", Range{-10, 45, SourceNeumann}},
	jShoulderL:       {"shoulder_l", Range{-60, 180, SourceAAOS}},
	jShoulderR:       {"shoulder_r", Range{-60, 180, SourceAAOS}},
	jShoulderOutL:    {"shoulder_out_l", Range{-45, 180, SourceAAOS}},
	jShoulderOutR:    {"shoulder_out_r", Range{-45, 180, SourceAAOS}},
	jShoulderRotL:    {"shoulder_rot_l", Range{-70, 90, SourceAAOS}},
	jShoulderRotR:    {"shoulder_rot_r", Range{-70, 90, SourceAAOS}},
	jShoulderAcrossL: {"shoulder_across_l", Range{-40, 50, SourceAAOS}},
	jShoulderAcrossR: {"shoulder_across_r", Range{-40, 50, SourceAAOS}},
	jElbowL:          {"elbow_l", Range{0, 150, SourceAAOS}},
	jElbowR:          {"elbow_r", Range{0, 150, SourceAAOS}},
	jWristL:          {"wrist_l", Range{-90, 90, SourceKapandji}},
	jWristR:          {"wrist_r", Range{-90, 90, SourceKapandji}},
	jHipL:            {"hip_l", Range{-30, 140, SourceKapandji}},
	jHipR:            {"hip_r", Range{-30, 140, SourceKapandji}},
	jHipOutL:         {"hip_out_l", Range{-30, 45, SourceAAOS}},
	jHipOutR:         {"hip_out_r", Range{-30, 45, SourceAAOS}},
	jKneeL:           {"knee_l", Range{0, 160, SourceKapandji}},
	jKneeR:           {"knee_r", Range{0, 160, SourceKapandji}},
	jAnkleL:          {"ankle_l", Range{-50, 20, SourceAAOS}},
	jAnkleR:          {"ankle_r", Range{-50, 20, SourceAAOS}},
}

// Joints lists every joint a keyframe may set: the trunk and head, then the
// arms, then the legs.
var Joints = func() []Joint {
	out := make([]Joint, numJoints)
	for i, j := range joints {
		out[i] = j.name
	}
	return out
}()

// jointIndex finds a joint by its name; made on first use (issue 16).
var jointIndex = sync.OnceValue(func() map[Joint]jointID {
	m := make(map[Joint]jointID, numJoints)
	for i, j := range joints {
		m[j.name] = jointID(i)
	}
	return m
})

// Limits returns the range a joint may take, and whether the joint exists.
// The ranges are the same in every view: a pose is a pose, whichever side it
// is seen from.
func Limits(j Joint) (Range, bool) {
	id, ok := jointIndex()[j]
	if !ok {
		return Range{}, false
	}
	return joints[id].r, true
}

// angles holds one value for every joint.
type angles [numJoints]float64
