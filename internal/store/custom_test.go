package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/unhunch/unhunch"
	"github.com/unhunch/unhunch/internal/custom"
)

// Issue 20: a person's own exercises, routines and pictures are kept in the
// journal on both engines: added all together or not at all, never
// overwritten by an add, changed and deleted by id, and every write raises
// the journal's version.
func TestCustomEntries(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		url, dir := e.fresh(t)
		st := openAt(t, url, dir)
		if got, err := st.CustomEntries(ctx); err != nil || len(got) != 0 {
			t.Fatalf("a new journal's entries: %v, %v", got, err)
		}
		ex := custom.Entry{Kind: custom.KindExercise, ID: "neck-rolls", Body: "id: neck-rolls\nname: Neck rolls\n"}
		rt := custom.Entry{Kind: custom.KindRoutine, ID: "desk-break", Body: "id: desk-break\n"}
		pic := custom.Picture{ExerciseID: "neck-rolls", N: 1, MediaType: "image/png", Width: 2, Height: 1, Data: []byte{0x89, 'P', 'N', 'G', 0, 0xff}}
		v0, _ := st.Version(ctx)
		if err := st.AddCustom(ctx, []custom.Entry{ex, rt}, []custom.Picture{pic}, base); err != nil {
			t.Fatal(err)
		}
		if v1, _ := st.Version(ctx); v1 != v0+1 {
			t.Errorf("journal version %d → %d: a write raises it", v0, v1)
		}
		ex.Created, ex.Updated, rt.Created, rt.Updated = base, base, base, base
		got, err := st.CustomEntries(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]custom.Entry{ex, rt}, got); diff != "" {
			t.Errorf("read back (-want +got):\n%s", diff)
		}
		pics, err := st.Pictures(ctx, "neck-rolls")
		if err != nil || !cmp.Equal([]custom.Picture{pic}, pics) {
			t.Errorf("pictures: %v, %v", pics, err)
		}

		// An add with a taken id saves nothing, not even its new entries.
		other := custom.Entry{Kind: custom.KindExercise, ID: "arm-circles", Body: "id: arm-circles\n"}
		err = st.AddCustom(ctx, []custom.Entry{other, {Kind: custom.KindExercise, ID: "neck-rolls", Body: "changed"}}, nil, base)
		wantError(t, err, unhunch.EConflict, "neck-rolls")
		// A fourth picture is refused, and nothing of that add is kept.
		err = st.AddCustom(ctx, []custom.Entry{other}, []custom.Picture{{ExerciseID: "arm-circles", N: 3, MediaType: "image/png", Width: 1, Height: 1, Data: []byte{1}}}, base)
		wantError(t, err, unhunch.EInvalid)
		if got, _ := st.CustomEntries(ctx); len(got) != 2 || got[0].Body != ex.Body {
			t.Errorf("after refused adds: %+v", got)
		}

		// Replace changes the body (and the pictures when given); the order stays.
		later := base.Add(time.Hour)
		ex.Body, ex.Updated = "id: neck-rolls\nname: Gentle neck rolls\n", later
		if err := st.ReplaceCustom(ctx, ex, []custom.Picture{}, later); err != nil {
			t.Fatal(err)
		}
		st.Close()
		st = openAt(t, url, dir)
		got, _ = st.CustomEntries(ctx)
		if diff := cmp.Diff([]custom.Entry{ex, rt}, got); diff != "" {
			t.Errorf("after replace and reopening (-want +got):\n%s", diff)
		}
		if pics, _ := st.AllPictures(ctx); len(pics) != 0 {
			t.Errorf("pictures replaced by none: %v", pics)
		}
		wantError(t, st.ReplaceCustom(ctx, other, nil, later), unhunch.ENotFound, "arm-circles")

		// Delete by kind and id.
		if err := st.AddCustom(ctx, nil, []custom.Picture{pic}, later); err != nil {
			t.Fatal(err)
		}
		if err := st.DeleteCustom(ctx, custom.KindExercise, "neck-rolls"); err != nil {
			t.Fatal(err)
		}
		wantError(t, st.DeleteCustom(ctx, custom.KindExercise, "neck-rolls"), unhunch.ENotFound)
		if got, _ := st.CustomEntries(ctx); len(got) != 1 || got[0].ID != "desk-break" {
			t.Errorf("after delete: %+v", got)
		}
		if pics, _ := st.AllPictures(ctx); len(pics) != 0 {
			t.Errorf("a deleted exercise's pictures stay: %v", pics)
		}
	})
}
