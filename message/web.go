package message

// Keys of the web server (`unhunch serve`): its pages, its API's errors,
// and the store's group committer. Page copy that is not here lives in the
// server's templates.
const (
	StoreGroupClosed Key = "store.group_closed"

	HelpServe            Key = "help.serve"
	HelpServeLong        Key = "help.serve_long"
	FlagAddr             Key = "flag.addr"
	ServeNotLoopback     Key = "serve.not_loopback"
	ServeBadAddr         Key = "serve.bad_addr"
	ServeListening       Key = "serve.listening"
	ServeListen          Key = "serve.listen"
	ServeStopping        Key = "serve.stopping"
	ServeBadScale        Key = "serve.bad_scale"
	WebAppName           Key = "web.app_name"
	WebAppDescription    Key = "web.app_description"
	WebInternal          Key = "web.internal"
	WebErrorTitle        Key = "web.error_title"
	WebMethod            Key = "web.method"
	WebNoRoute           Key = "web.no_route"
	WebNoAsset           Key = "web.no_asset"
	WebNotJSON           Key = "web.not_json"
	WebTooLarge          Key = "web.too_large"
	WebUnreadable        Key = "web.unreadable"
	WebEmptyBody         Key = "web.empty_body"
	WebBadJSON           Key = "web.bad_json"
	WebTrailing          Key = "web.trailing"
	WebJSONSyntax        Key = "web.json_syntax"
	WebJSONNotObject     Key = "web.json_not_object"
	WebJSONType          Key = "web.json_type"
	WebJSONEnds          Key = "web.json_ends"
	WebJSONUnknown       Key = "web.json_unknown"
	WebBadForm           Key = "web.bad_form"
	WebNoParams          Key = "web.no_params"
	WebUnknownParam      Key = "web.unknown_param"
	WebNoExercise        Key = "web.no_exercise"
	WebNoRoutine         Key = "web.no_routine"
	WebAvoided           Key = "web.avoided"
	WebBadLevel          Key = "web.bad_level"
	WebPlanMinutes       Key = "web.plan_minutes"
	WebPlanMinutesNumber Key = "web.plan_minutes_number"
	WebBadFloor          Key = "web.bad_floor"
	WebMissingField      Key = "web.missing_field"
	WebCleared           Key = "web.cleared"
	WebClearedPage       Key = "web.cleared_page"
	WebNeedKey           Key = "web.need_key"
	WebBadKey            Key = "web.bad_key"
	WebBadSessionID      Key = "web.bad_session_id"
	WebKeyReused         Key = "web.key_reused"
	WebOfflineBlocked    Key = "web.offline_blocked"
	WebOfflineTimes      Key = "web.offline_times"
	WebOfflineFuture     Key = "web.offline_future"
	WebOfflineOrder      Key = "web.offline_order"
	WebOfflineStale      Key = "web.offline_stale"
	WebPlanNeeded        Key = "web.plan_needed"
	WebPlanOnlyForPlan   Key = "web.plan_only_for_plan"
	WebBadSince          Key = "web.bad_since"
	WebBadLimit          Key = "web.bad_limit"
	WebNotWebSession     Key = "web.not_web_session"
	WebPainRose          Key = "web.pain_rose"
	WebBadStatus         Key = "web.bad_status"
	WebBadEventType      Key = "web.bad_event_type"
	WebFieldsNotFor      Key = "web.fields_not_for"
	WebBadIndex          Key = "web.bad_index"
	WebScreenBadAnswers  Key = "web.screen_bad_answers"
	WebNoScreening       Key = "web.no_screening"
	WebNoPain            Key = "web.no_pain"
	WebPainChartLabel    Key = "web.pain_chart_label"
	WebPainDot           Key = "web.pain_dot"
	WebCalendarLabel     Key = "web.calendar_label"
	WebWeekdays          Key = "web.weekdays"
	WebDayRest           Key = "web.day_rest"
	WebDayAhead          Key = "web.day_ahead"
	WebDayDone           Key = "web.day_done"
	WebTitleExercises    Key = "web.title.exercises"
	WebTitleRoutines     Key = "web.title.routines"
	WebTitlePlan         Key = "web.title.plan"
	WebTitleHistory      Key = "web.title.history"
	WebTitleProgress     Key = "web.title.progress"
	WebTitleScreen       Key = "web.title.screen"
	WebTitleSettings     Key = "web.title.settings"
)

var webWords = []entry{
	{StoreGroupClosed, "the journal is closing and takes no more exercise outcomes; send it again once unhunch has restarted"},

	{HelpServe, "Serve the web app and its API on this machine"},
	{HelpServeLong, "Serve the web app (guided player, library, planner, progress; it works offline once loaded)\nand its JSON API under /api/v1/ on this machine only, from the same journal as the command line.\nOpen the address it prints in a browser. Ctrl-C stops it, finishing requests under way.\n\nOnce accounts exist (unhunch users add), it can serve your phone and others too: listen on\nanother address with --addr 0.0.0.0:8443 and HTTPS of its own (--tls-cert and --tls-key), or\nbehind a reverse proxy that does HTTPS (--trust-proxy with the proxy's address, and\n--public-url with the address people open). Everyone then signs in."},
	{FlagAddr, "the address to listen on: a loopback address and port (127.0.0.1:8080, [::1]:8080, localhost:8080); once accounts exist, any (0.0.0.0:8443)"},
	{ServeNotLoopback, "--addr %s is not on this machine. unhunch has no accounts yet, so anyone who could reach that address could read and change your journal; it listens only on a loopback address such as 127.0.0.1:8080. To use it from your phone, run it on the phone's own machine or reach it through an SSH tunnel"},
	{ServeBadAddr, "--addr %q is not HOST:PORT (%v); for example 127.0.0.1:8080"},
	{ServeListening, "unhunch is ready at %s://%s/ (journal: %s). Press Ctrl-C to stop."},
	{ServeListen, "cannot listen on %s: %v. Is another program using that port? Try another with --addr 127.0.0.1:PORT"},
	{ServeStopping, "stopping: finishing the requests under way"},
	{ServeBadScale, "--time-scale %g must be more than 0 and at most 1000"},
	{WebAppName, "unhunch"},
	{WebAppDescription, "Short, safe routines for an upper back that aches from posture, with honest timing and your progress."},
	{WebInternal, "something went wrong inside unhunch; nothing was half-saved. Please try again, and report it if it keeps happening"},
	{WebErrorTitle, "Something needs your attention"},
	{WebMethod, "%s is not allowed on %s; use %s"},
	{WebNoRoute, "there is nothing at %s. The API lives under /api/v1/ (see /api/v1/openapi.json)"},
	{WebNoAsset, "there is no file %s; reload the page to get the current ones"},
	{WebNotJSON, "the body must be JSON (Content-Type: application/json), not %s"},
	{WebTooLarge, "the body is larger than %d MiB; send less"},
	{WebUnreadable, "the body could not be read: %v"},
	{WebEmptyBody, "the body is empty; send a JSON object"},
	{WebBadJSON, "the body is not the JSON expected: %s"},
	{WebTrailing, "there is more after the JSON object; send exactly one"},
	{WebJSONSyntax, "a syntax error at byte %d: invalid character %s"},
	{WebJSONNotObject, "expected a JSON object, not %s"},
	{WebJSONType, "%q must be %s, not %s"},
	{WebJSONEnds, "it ends too early, after %d bytes"},
	{WebJSONUnknown, "there is no field %s here; check its spelling against /api/v1/openapi.json"},
	{WebBadForm, "the form could not be read: %v"},
	{WebNoParams, "this address takes no query parameters, and %q was given"},
	{WebUnknownParam, "there is no query parameter %q here; it takes: %s"},
	{WebNoExercise, "there is no exercise %q."},
	{WebNoRoutine, "there is no routine %q."},
	{WebAvoided, "%s is on your avoid list: plans and routines leave it out until you bring it back."},
	{WebBadLevel, "level must be person or start, not %q"},
	{WebPlanMinutes, "minutes is needed: how many minutes you have, %d to %d"},
	{WebPlanMinutesNumber, "minutes must be a whole number from %[2]d to %[3]d, not %[1]q"},
	{WebBadFloor, "floor must be true or false, not %q"},
	{WebMissingField, "%q is missing"},
	{WebCleared, "Recorded that a clinician cleared you to exercise. unhunch will ask you to confirm it again after %s."},
	{WebClearedPage, "Recorded that a clinician cleared you to exercise. unhunch will ask you to confirm it again in 30 days."},
	{WebNeedKey, "an Idempotency-Key header is needed, so that sending this start again never makes a second session; any unique text, such as a random id, will do"},
	{WebBadKey, "the Idempotency-Key must be 1 to %d printable characters without spaces"},
	{WebBadSessionID, "id %q is not a session id: 26 characters of Crockford base32 (0-9, A-Z without I, L, O, U), or leave it out"},
	{WebKeyReused, "this Idempotency-Key was already used to start a session of %s; use a new key for a new session"},
	{WebOfflineBlocked, "this session was started offline on safety answers that were not clear when they were last checked: %s"},
	{WebOfflineTimes, "offline.started_at and offline.gate_checked_at are both needed for a session started offline"},
	{WebOfflineFuture, "offline.started_at %s is in the future; check the device's clock"},
	{WebOfflineOrder, "offline.started_at is before offline.gate_checked_at: a session cannot start before its safety check"},
	{WebOfflineStale, "this session was started offline more than %d hours after the safety answers were last checked online, so it cannot be accepted; go online and answer the questions again if they are due"},
	{WebPlanNeeded, "routine_id \"plan\" needs plan: {minutes, equipment, floor, focus}"},
	{WebPlanOnlyForPlan, "plan goes only with routine_id \"plan\""},
	{WebBadSince, "since must be a date as YYYY-MM-DD, not %q"},
	{WebBadLimit, "limit must be a whole number from 1 to 10000, not %q"},
	{WebNotWebSession, "session %s is being played in the terminal, not in the browser; its outcomes are saved there"},
	{WebPainRose, "Your pain went up by 2 points or more in this session. Rest today, and next time take it more gently: unhunch will hold your doses where they are. Before your next session it will ask the safety questions again."},
	{WebBadStatus, "status must be completed or stopped, not %q"},
	{WebBadEventType, "type must be exercise, rating or finish, not %q"},
	{WebFieldsNotFor, "%s do not belong in a %s event"},
	{WebBadIndex, "index %d is not an exercise of this session (it has %d, counted from 0)"},
	{WebScreenBadAnswers, "the answers so far are not right (a y or n for each of the %d questions); start the questions again"},
	{WebNoScreening, "there is no screening %q in your journal"},
	{WebNoPain, "No pain ratings yet. They appear here after your first session."},
	{WebPainChartLabel, "Pain before each of %d sessions, 0 to 10; latest weekly average %.1f"},
	{WebPainDot, "%s: pain %d"},
	{WebCalendarLabel, "Practice calendar: %d days with practice in the last %d weeks"},
	{WebWeekdays, "Mo Tu We Th Fr Sa Su"},
	{WebDayRest, "no practice"},
	{WebDayAhead, "still to come"},
	{WebDayDone, "practised"},
	{WebTitleExercises, "Exercises"},
	{WebTitleRoutines, "Routines"},
	{WebTitlePlan, "Plan a routine"},
	{WebTitleHistory, "Your sessions"},
	{WebTitleProgress, "Your progress"},
	{WebTitleScreen, "Safety questions"},
	{WebTitleSettings, "Settings"},

	{"web.kind.int", "a whole number"},
	{"web.kind.number", "a number"},
	{"web.kind.bool", "true or false"},
	{"web.kind.string", "a string"},
	{"web.kind.object", "an object"},
	{"web.kind.array", "an array"},
	{"web.rating.easy", "too easy"},
	{"web.rating.right", "about right"},
	{"web.rating.hard", "too hard"},
	{"web.gate.never-screened", "Before your first session, please answer a few short safety questions. It takes about a minute."},
	{"web.gate.expired", "Your safety answers are more than a week old. Please answer them again before you exercise."},
	{"web.gate.emergency", "Your answers describe symptoms that need urgent medical help. Do not exercise. Call an emergency number now: 999 (UK), 112 (EU) or 911 (US and Canada)."},
	{"web.gate.clinician", "Your answers mean a doctor or physiotherapist should check your back before you exercise with unhunch. Please see one within a day or two. Once they have cleared you, record it on the safety questions page."},
	{"web.gate.clearance-expired", "Your clinician's clearance is more than 30 days old. If you are still cleared to exercise, confirm it on the safety questions page, or answer the questions again."},
	{"web.gate.rescreen", "Something changed since your last safety answers: %s. Please answer them again before you exercise."},
	{"web.gate.pain-too-high", "Pain of 8 or more is a lot. It is better not to exercise today: rest, and move gently in ways that feel easy. If it does not ease in a day or two, or you feel unwell, see a doctor or physiotherapist. Before your next session, unhunch will ask the safety questions again."},
}

func init() { table(webWords) }
