package funnel

import (
	"math/rand"
	"testing"

	"github.com/msglint/msglint/lint"
	"github.com/stretchr/testify/assert"
)

// TestParkRoundTrip: unpark gives back every field park packed (nil and
// empty lists apart), park clears them, and an asset encodes the same
// parked or not.
func TestParkRoundTrip(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	pieces := []string{"", "a", "Pricing", "naïve café", "body: 'see'", "path: customers/", "\x00\xff", string(make([]byte, 300))}
	str := func() string { return pieces[r.Intn(len(pieces))] + pieces[r.Intn(len(pieces))] }
	list := func() []string {
		switch r.Intn(4) {
		case 0:
			return nil
		case 1:
			return []string{}
		}
		l := make([]string, 1+r.Intn(200))
		for i := range l {
			l[i] = str()
		}
		return l
	}
	for range 500 {
		a := &Asset{Path: str(), Format: str(), Title: str(), Stage: str(), StageSource: str(), Confidence: r.Float64(),
			Evidence: list(), Team: str(), Audiences: list(), Objections: list(), Products: list(), Backend: str(),
			RunnerUp: str(), RunnerUpConfidence: r.Float64(), explicit: r.Intn(2) == 0, pathStage: str()}
		want := *a
		var before lint.Enc
		encodeAsset(&before, nil, a)

		a.park()
		assert.NotEmpty(t, a.parked)
		cleared := Asset{Confidence: a.Confidence, RunnerUpConfidence: a.RunnerUpConfidence, explicit: a.explicit, parked: a.parked}
		assert.Equal(t, cleared, *a, "park clears every string and list")
		var parked lint.Enc
		encodeAsset(&parked, nil, a)
		assert.Equal(t, before.B, parked.B, "a parked asset encodes as it was")
		assert.NotEmpty(t, a.parked, "encoding does not unpark the asset itself")

		a.park() // twice: no change
		a.unpark()
		assert.Equal(t, want, *a)
		a.unpark() // not parked: no change
		assert.Equal(t, want, *a)
	}
}
