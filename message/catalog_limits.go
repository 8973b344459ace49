package message

// Keys of the limits on catalog numbers and text (zero and absurdly small
// values, control characters).
const (
	DoseZeroWritten     Key = "dose.zero_written"
	DoseTempoShort      Key = "dose.tempo_short"
	DoseTempoLong       Key = "dose.tempo_long"
	DoseTempoZero       Key = "dose.tempo_zero"
	CatalogControlChars Key = "catalog.control_chars"

	TempoRep     Key = "tempo.rep"
	TempoMove    Key = "tempo.move"
	TempoRelease Key = "tempo.release"
	TempoInhale  Key = "tempo.inhale"
	TempoExhale  Key = "tempo.exhale"
	TempoBreath  Key = "tempo.breath"
	TempoSwitch  Key = "tempo.switch"
)

var catalogLimitsWords = []entry{
	{DoseZeroWritten, "must be at least 1, not 0; leave the field out to use its default"},
	{DoseTempoShort, "%g s is too short; %s takes at least %g s (at most %g s)"},
	{DoseTempoLong, "%g s is too long; %s takes at most %g s (at least %g s)"},
	{DoseTempoZero, "%s; leave it out to use the default (%g s)"},
	{CatalogControlChars, "contains a control character (%s); catalog text must be plain text: remove it"},

	{TempoRep, "a rep"},
	{TempoMove, "moving into a hold"},
	{TempoRelease, "coming out of a hold"},
	{TempoInhale, "breathing in"},
	{TempoExhale, "breathing out"},
	{TempoBreath, "one breath"},
	{TempoSwitch, "changing sides"},
}

func init() { table(catalogLimitsWords) }
