package scenarios

import (
	"strings"
	"testing"
)

func TestNotesCarrySources(t *testing.T) {
	s, err := Load("adastra-2022")
	if err != nil {
		t.Fatal(err)
	}
	notes := s.Notes()
	byPath := map[string]Note{}
	for _, n := range notes {
		byPath[n.Path] = n
	}
	hf, ok := byPath["outage.contingency.handle_factor"]
	if !ok || hf.Value != "1.3" || !strings.Contains(hf.Source, "paper triage") || hf.File != "adastra-2022.yaml" {
		t.Errorf("handle factor note %+v", hf)
	}
	st, ok := byPath["outage.contingency.routes.all.sender_time"]
	if !ok || st.Value != "{dist: uniform, min: 5m, max: 10m}" {
		t.Errorf("sender time note %+v", st)
	}
	// Values inherited from baseline-2022 come first, the variant's own last.
	if notes[0].File != "baseline-2022.yaml" || notes[len(notes)-1].File != "adastra-2022.yaml" {
		t.Errorf("order: first from %s, last from %s", notes[0].File, notes[len(notes)-1].File)
	}
	if len(notes) < 40 {
		t.Errorf("only %d notes", len(notes))
	}
}
