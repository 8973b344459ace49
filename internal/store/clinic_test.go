package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/account"
	"github.com/unhunch/unhunch/clinic"
	"github.com/unhunch/unhunch/dose"
	"github.com/unhunch/unhunch/internal/store"
)

// Issue 17: invitations are one-time and expire; a care link is made by
// accepting, ended by the person; prescriptions replace one another; the
// audit log is the person's to read. Both engines.
func TestClinicInvitesLinksPrescriptionsAudit(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		st := open(t, e)
		mk := func(name string, role account.Role) *account.User {
			u, _, err := st.CreateUser(ctx, name, role, base)
			if err != nil {
				t.Fatal(err)
			}
			return u
		}
		lee, kim := mk("lee", account.RoleClinician), mk("kim", account.RoleClinician)
		pat, sam := mk("pat", account.RolePerson), mk("sam", account.RolePerson)

		// An invitation, looked at, then accepted once.
		tok, err := st.CreateInvite(ctx, lee.ID, base)
		if err != nil {
			t.Fatal(err)
		}
		inv, err := st.Invite(ctx, tok, base.Add(time.Hour))
		if err != nil || inv.ClinicianName != "lee" || !inv.ExpiresAt.Equal(base.Add(store.InviteLife)) {
			t.Fatalf("Invite = %+v, %v", inv, err)
		}
		if _, err := st.AnswerInvite(ctx, tok, lee.ID, true, base); unhunch.ErrorCode(err) != unhunch.EForbidden {
			t.Errorf("the clinician accepting their own invitation: %v, want forbidden", err)
		}
		if _, err := st.AnswerInvite(ctx, tok, kim.ID, true, base); unhunch.ErrorCode(err) != unhunch.EForbidden {
			t.Errorf("another clinician accepting: %v, want forbidden", err)
		}
		l, err := st.AnswerInvite(ctx, tok, pat.ID, true, base.Add(time.Hour))
		if err != nil || l.PersonName != "pat" || l.ClinicianID != lee.ID {
			t.Fatalf("accept: %+v, %v", l, err)
		}
		if _, err := st.AnswerInvite(ctx, tok, sam.ID, true, base.Add(time.Hour)); unhunch.ErrorCode(err) != unhunch.ENotFound {
			t.Errorf("an invitation used twice: %v, want not found", err)
		}
		if _, err := st.Invite(ctx, tok, base.Add(time.Hour)); unhunch.ErrorCode(err) != unhunch.ENotFound {
			t.Errorf("a used invitation looked at: %v, want not found", err)
		}
		// An expired one, and a declined one.
		old, _ := st.CreateInvite(ctx, kim.ID, base)
		if _, err := st.AnswerInvite(ctx, old, sam.ID, true, base.Add(store.InviteLife)); unhunch.ErrorCode(err) != unhunch.ENotFound {
			t.Errorf("an expired invitation: %v, want not found", err)
		}
		no, _ := st.CreateInvite(ctx, kim.ID, base)
		if _, err := st.AnswerInvite(ctx, no, sam.ID, false, base); err != nil {
			t.Fatal(err)
		}
		if _, err := st.CareLink(ctx, kim.ID, sam.ID); unhunch.ErrorCode(err) != unhunch.ENotFound {
			t.Errorf("a declined invitation linked: %v", err)
		}

		// Only lee's own patients.
		if ps, err := st.Patients(ctx, lee.ID); err != nil || len(ps) != 1 || ps[0].PersonID != pat.ID {
			t.Errorf("lee's patients = %+v, %v", ps, err)
		}
		if ps, err := st.Patients(ctx, kim.ID); err != nil || len(ps) != 0 {
			t.Errorf("kim's patients = %+v, %v", ps, err)
		}
		if _, err := st.CareLink(ctx, kim.ID, pat.ID); unhunch.ErrorCode(err) != unhunch.ENotFound {
			t.Errorf("kim's link to pat: %v, want not found", err)
		}

		// Prescriptions: versioned, the newest active; none without a link.
		rx := &clinic.Prescription{PersonID: pat.ID, ClinicianID: lee.ID, At: base, DaysAWeek: 5, TimesADay: 1, Note: "gently",
			Items: []clinic.Item{{ExerciseID: "chin-tucks", Amount: dose.Amount{Reps: 12, Hold: 5, Sets: 1}}}}
		if err := st.SavePrescription(ctx, rx); err != nil || rx.Version != 1 {
			t.Fatalf("save: v%d, %v", rx.Version, err)
		}
		rx2 := *rx
		rx2.At, rx2.AllowMore, rx2.Items = base.Add(24*time.Hour), true, []clinic.Item{{ExerciseID: "cat-cow", Amount: dose.Amount{Reps: 10, Sets: 1}}}
		if err := st.SavePrescription(ctx, &rx2); err != nil || rx2.Version != 2 {
			t.Fatalf("save again: v%d, %v", rx2.Version, err)
		}
		got, ok, err := st.ActivePrescription(ctx, pat.ID)
		rx2.ClinicianName = "lee"
		if err != nil || !ok {
			t.Fatalf("active: %v %v", ok, err)
		}
		if diff := cmp.Diff(&rx2, got); diff != "" {
			t.Errorf("active prescription (-want +got):\n%s", diff)
		}
		if err := st.SavePrescription(ctx, &clinic.Prescription{PersonID: sam.ID, ClinicianID: lee.ID, At: base, DaysAWeek: 1, TimesADay: 1,
			Items: rx.Items}); unhunch.ErrorCode(err) != unhunch.ENotFound {
			t.Errorf("prescribing for someone not linked: %v, want not found", err)
		}

		// The audit log, newest first, only the person's own.
		for i, what := range []string{clinic.OpenedList, clinic.OpenedPatient} {
			if err := st.Audit(ctx, clinic.Opening{At: base.Add(time.Duration(i) * time.Minute), PersonID: pat.ID, ViewerID: lee.ID, ViewerName: "lee", What: what}); err != nil {
				t.Fatal(err)
			}
		}
		log, err := st.AuditLog(ctx, pat.ID, 0)
		if err != nil || len(log) != 2 || log[0].What != clinic.OpenedPatient || log[1].ViewerName != "lee" {
			t.Errorf("pat's audit log = %+v, %v", log, err)
		}
		if log, err := st.AuditLog(ctx, sam.ID, 0); err != nil || len(log) != 0 {
			t.Errorf("sam's audit log = %+v, %v", log, err)
		}

		// The person ends the link: the prescription goes with it.
		if err := st.EndCareLink(ctx, pat.ID, lee.ID, base.Add(48*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := st.EndCareLink(ctx, pat.ID, lee.ID, base.Add(48*time.Hour)); unhunch.ErrorCode(err) != unhunch.ENotFound {
			t.Errorf("ending it twice: %v, want not found", err)
		}
		if _, ok, err := st.ActivePrescription(ctx, pat.ID); err != nil || ok {
			t.Errorf("a prescription after the link ended: %v, %v", ok, err)
		}
		if _, err := st.CareLink(ctx, lee.ID, pat.ID); unhunch.ErrorCode(err) != unhunch.ENotFound {
			t.Errorf("an ended link: %v", err)
		}
		cs, err := st.Clinicians(ctx, pat.ID)
		if err != nil || len(cs) != 1 || cs[0].EndedAt.IsZero() {
			t.Errorf("pat's clinicians = %+v, %v", cs, err)
		}
		// Invited again, linked again.
		again, _ := st.CreateInvite(ctx, lee.ID, base.Add(72*time.Hour))
		if _, err := st.AnswerInvite(ctx, again, pat.ID, true, base.Add(72*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if _, err := st.CareLink(ctx, lee.ID, pat.ID); err != nil {
			t.Errorf("linked again: %v", err)
		}
	})
}
